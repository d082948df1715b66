using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>NuGet's global packages folder (NUGET_PACKAGES, else ~/.nuget/packages), where restore extracts packages.</summary>
internal static class GlobalPackagesFolder
{
    /// <summary>Deletes the given packages' folders of one version (a version only this test run used), and the packages' folders if that leaves them empty.</summary>
    public static void Remove(IEnumerable<string> ids, string version)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in ids)
        {
            var idFolder = Path.Combine(root, id.ToLowerInvariant());
            var folder = Path.Combine(idFolder, version.ToLowerInvariant());
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
                {
                    Directory.Delete(idFolder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover folder of a unique version does no harm.
            }
        }
    }
}
