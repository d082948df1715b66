using System;
using System.IO;

namespace ProgressiveDelivery.TestSupport;

/// <summary>The repository this test assembly was built from: the folder holding ProgressiveDelivery.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ProgressiveDelivery.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ProgressiveDelivery.slnx) was not found above the test directory.");
    }
}
