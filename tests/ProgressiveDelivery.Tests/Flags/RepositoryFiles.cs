using System.IO;
using ProgressiveDelivery.TestSupport;

namespace ProgressiveDelivery.Tests.Flags;

/// <summary>Reads files of the repository (the schema, the docs) from the test output directory.</summary>
internal static class RepositoryFiles
{
    public static string SchemaPath => PathOf("src", "ProgressiveDelivery", "progressive-delivery.schema.json");

    public static string PathOf(params string[] parts) => RepositoryRoot.Combine(parts);

    public static string ReadAllText(params string[] parts) => File.ReadAllText(PathOf(parts));
}
