using System;
using System.IO;
using System.Security;
using System.Threading.Tasks;
using ProgressiveDelivery.Packaging.Tests.Infrastructure;
using ProgressiveDelivery.TestSupport;

namespace ProgressiveDelivery.Packaging.Tests;

/// <summary>
/// A user's solution, copied from Consumer/ to a folder outside the repository: a web app referencing
/// ProgressiveDelivery.AspNetCore and its xunit tests referencing ProgressiveDelivery.Testing, both as packages from the
/// local feed. Nothing of the repository applies to it: its own Directory.Build.props (which ends MSBuild's search
/// upwards), Directory.Packages.props and nuget.config. The nuget.config adds the feed and keeps the machine's sources,
/// from which Microsoft.AspNetCore.Mvc.Testing, xunit and the test SDK restore.
/// </summary>
internal sealed class ConsumerSolution
{
    public const string SolutionFile = "Consumer.slnx";

    private static readonly TimeSpan BuildAndTestTimeout = TimeSpan.FromMinutes(10);

    private ConsumerSolution(string directory, ChildProcessOutput test)
    {
        Directory = directory;
        Test = test;
    }

    public string Directory { get; }

    /// <summary>The output of <c>dotnet test</c> on the solution (restore, build, run the tests), which succeeded.</summary>
    public ChildProcessOutput Test { get; }

    /// <summary>The app's build output folder (Debug, net10.0).</summary>
    public string AppOutputDirectory => Path.Combine(Directory, "Consumer.App", "bin", "Debug", "net10.0");

    /// <summary>The restore result of a consumer project (<c>Consumer.App</c> or <c>Consumer.App.Tests</c>).</summary>
    public string AssetsFile(string project) => Path.Combine(Directory, project, "obj", "project.assets.json");

    /// <summary>Writes the solution to <paramref name="directory"/>, then restores, builds and tests it; throws, with the output, if any of it fails.</summary>
    public static async Task<ConsumerSolution> CreateAsync(string directory, string feed, string version)
    {
        CopyTemplate(RepositoryRoot.Combine("tests", "ProgressiveDelivery.Packaging.Tests", "Consumer"), directory);
        File.Copy(RepositoryRoot.Combine("global.json"), Path.Combine(directory, "global.json"));
        await File.WriteAllTextAsync(Path.Combine(directory, "Directory.Build.props"), $"""
            <Project>
              <!-- Written by the packaging tests. Being here, it ends MSBuild's search upwards: nothing above applies. -->
              <PropertyGroup>
                <ProgressiveDeliveryVersion>{version}</ProgressiveDeliveryVersion>
                <!-- The registry copy on our machines lacks some exact minimum versions of transitive dependencies. -->
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <!-- No <clear />: the machine's sources stay for everything else. -->
                <add key="progressive-delivery-under-test" value="{SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>
            """);

        // One `dotnet test` restores, builds (the app too) and runs the tests: a separate build would cost one more CLI start.
        var test = await DotnetCli.RunAsync(directory, BuildAndTestTimeout, "test", SolutionFile, "-c", "Debug");
        return new ConsumerSolution(directory, test);
    }

    private static void CopyTemplate(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (Array.Exists(parts, part => part is "bin" or "obj"))
            {
                continue; // Left by someone building the template in place.
            }

            var target = Path.Combine(destination, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
