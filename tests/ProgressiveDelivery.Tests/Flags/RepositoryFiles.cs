using System;
using System.IO;

namespace ProgressiveDelivery.Tests.Flags;

/// <summary>Reads files of the repository (the schema, the docs) from the test output directory.</summary>
internal static class RepositoryFiles
{
    public static string SchemaPath => PathOf("src", "ProgressiveDelivery", "progressive-delivery.schema.json");

    public static string PathOf(params string[] parts) => Path.Combine([Root(), .. parts]);

    public static string ReadAllText(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProgressiveDelivery.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ProgressiveDelivery.slnx) was not found above the test directory.");
    }
}
