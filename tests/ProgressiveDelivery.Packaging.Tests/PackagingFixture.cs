using System;
using System.Globalization;
using System.IO;
using System.Security;
using System.Threading.Tasks;
using ProgressiveDelivery.Packaging.Tests.Infrastructure;
using ProgressiveDelivery.TestSupport;

namespace ProgressiveDelivery.Packaging.Tests;

/// <summary>
/// Packs ProgressiveDelivery, ProgressiveDelivery.AspNetCore, ProgressiveDelivery.Testing and ProgressiveDelivery.PostgreSql into a local folder feed
/// under the system's temporary folder, once for the collection; builds and tests the consumer on first use; deletes it
/// all after.
/// </summary>
/// <remarks>
/// <para><b>Version.</b> Every run packs a version of its own, <c>0.1.0-ci.{UTC time}.{process id}</c>. NuGet serves a
/// package id and version from the global packages folder (~/.nuget/packages) once it has extracted it, so a fixed
/// 0.1.0 would make the second run's consumer test the first run's packages. Restoring into a private packages folder
/// instead would copy the consumer's ~110 MB of dependencies (ASP.NET Core testing, xunit, the test SDK) on every run,
/// ~7 s more; the unique version costs nothing, and the fixture deletes its version's folders from the global packages
/// folder when done, so runs leave nothing behind.</para>
/// <para><b>Build.</b> <c>dotnet pack</c> builds src/ itself, into its own <c>ArtifactsPath</c> (bin and obj) under the
/// temporary folder, rather than packing the solution's output with <c>--no-build</c>: this test may run while
/// <c>dotnet test ProgressiveDelivery.slnx</c> is still building other projects in src/'s bin and obj folders, and in any
/// configuration; its own artifacts folder shares nothing with them but the sources (the artifacts layout also keeps the
/// in-tree bin/obj out of the compilation). It builds exactly what a release does: Release,
/// <c>ContinuousIntegrationBuild=true</c> (deterministic source paths, as CI sets through <c>CI=true</c>), SourceLink,
/// package validation, at the unique version, which also becomes the version of the core that the other two depend on.
/// Only analyzers are skipped (<c>RunAnalyzers=false</c>; source generators still run, so the assemblies are the same):
/// the solution's own build has just run them, as errors, on these sources, and they double the pack's time.</para>
/// </remarks>
public sealed class PackagingFixture : IAsyncLifetime
{
    public static readonly string[] PackageIds = ["ProgressiveDelivery", "ProgressiveDelivery.AspNetCore", "ProgressiveDelivery.Testing", "ProgressiveDelivery.PostgreSql"];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    private readonly TemporaryDirectory _root = new("progressive-delivery-packaging");
    private readonly Lazy<Task<ConsumerSolution>> _consumer;

    public PackagingFixture()
    {
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
        _consumer = new Lazy<Task<ConsumerSolution>>(() => ConsumerSolution.CreateAsync(Path.Combine(_root.Path, "consumer"), FeedDirectory, Version));
    }

    /// <summary>The version packed in this run.</summary>
    public string Version { get; }

    /// <summary>The local feed: a folder holding the .nupkg and .snupkg files.</summary>
    public string FeedDirectory => Path.Combine(_root.Path, "feed");

    /// <summary>The commit checked out in the repository, which the packages must name.</summary>
    public string Commit { get; private set; } = "";

    internal ChildProcessOutput? Pack { get; private set; }

    /// <summary>The consumer solution (outside the repository), restored from the feed, built and tested on first call.</summary>
    internal Task<ConsumerSolution> ConsumerAsync() => _consumer.Value;

    public string PackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.snupkg");

    public async Task InitializeAsync()
    {
        Commit = GitRepository.HeadCommit(RepositoryRoot.Path);

        // One solution of the shipped projects (absolute paths), so one `dotnet pack` builds the core once for both.
        var solution = Path.Combine(_root.Path, "packages.slnx");
        await File.WriteAllTextAsync(solution, $"""
            <Solution>
              <Project Path="{SecurityElement.Escape(RepositoryRoot.Combine("src", "ProgressiveDelivery", "ProgressiveDelivery.csproj"))}" />
              <Project Path="{SecurityElement.Escape(RepositoryRoot.Combine("src", "ProgressiveDelivery.AspNetCore", "ProgressiveDelivery.AspNetCore.csproj"))}" />
              <Project Path="{SecurityElement.Escape(RepositoryRoot.Combine("src", "ProgressiveDelivery.Testing", "ProgressiveDelivery.Testing.csproj"))}" />
              <Project Path="{SecurityElement.Escape(RepositoryRoot.Combine("src", "ProgressiveDelivery.PostgreSql", "ProgressiveDelivery.PostgreSql.csproj"))}" />
            </Solution>
            """);

        // Run from the repository root so that its global.json picks the SDK.
        Pack = await DotnetCli.RunAsync(
            RepositoryRoot.Path,
            PackTimeout,
            "pack", solution,
            "-c", "Release",
            $"-p:Version={Version}",
            $"-p:ArtifactsPath={Path.Combine(_root.Path, "artifacts")}",
            $"-p:PackageOutputPath={FeedDirectory}{Path.DirectorySeparatorChar}",
            "-p:ContinuousIntegrationBuild=true",
            "-p:RunAnalyzers=false");
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        GlobalPackagesFolder.Remove(PackageIds, Version);
        return Task.CompletedTask;
    }
}
