using System;
using System.IO;
using System.Threading;
using ProgressiveDelivery.TestSupport;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>A new folder under the system's temporary folder, outside the repository, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        var repository = RepositoryRoot.Path.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        if (Path.StartsWith(repository, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The temporary folder {Path} is inside the repository, whose Directory.Build.props and Directory.Packages.props would apply to the consumer; point TMPDIR elsewhere.");
        }

        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && attempt < 5)
            {
                // A child process killed a moment ago may still hold a file; try again shortly.
                Thread.Sleep(200 * attempt);
            }
        }
    }
}
