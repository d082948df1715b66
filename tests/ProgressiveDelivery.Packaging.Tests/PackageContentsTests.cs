using System;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using ProgressiveDelivery.Packaging.Tests.Infrastructure;
using ProgressiveDelivery.TestSupport;

namespace ProgressiveDelivery.Packaging.Tests;

/// <summary>What each packed .nupkg and .snupkg holds, read from the zip and its nuspec.</summary>
[Collection(PackagingCollection.Name)]
public sealed partial class PackageContentsTests
{
    private const string ProjectUrl = "https://github.com/progressive-delivery/ProgressiveDelivery";
    private static readonly string[] TargetFrameworks = ["net8.0", "net10.0"];

    private readonly PackagingFixture _packages;

    public PackageContentsTests(PackagingFixture packages) => _packages = packages;

    public static TheoryData<string> PackageIds => new(PackagingFixture.PackageIds);

    public static TheoryData<string> PackagesDependingOnTheCore => new("ProgressiveDelivery.AspNetCore", "ProgressiveDelivery.Testing", "ProgressiveDelivery.PostgreSql");

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_Files_AreTheReadmeAndTheAssemblyAndDocsOfBothFrameworks(string id)
    {
        using var package = new PackageFile(_packages.PackagePath(id));

        Assert.Contains("README.md", package.Entries);
        foreach (var framework in TargetFrameworks)
        {
            Assert.Contains($"lib/{framework}/{id}.dll", package.Entries);
            Assert.Contains($"lib/{framework}/{id}.xml", package.Entries);
        }

        Assert.DoesNotContain(package.Entries, e => e.EndsWith(".pdb", StringComparison.Ordinal)); // Symbols go to the .snupkg.
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_Readme_LinksOnlyToAbsoluteUrls(string id)
    {
        using var package = new PackageFile(_packages.PackagePath(id));

        // nuget.org shows the README away from the repository: a relative link there leads nowhere.
        var readme = Encoding.UTF8.GetString(package.Read("README.md"));
        Assert.Empty(RelativeLink().Matches(readme).Select(m => m.Value));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_Nuspec_HasVersionDescriptionLicenseReadmeAndUrls(string id)
    {
        using var package = new PackageFile(_packages.PackagePath(id));

        Assert.Equal(id, package.Element("id")?.Value);
        Assert.Equal(_packages.Version, package.Element("version")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(package.Element("description")?.Value), "The package has no description.");
        var license = package.Element("license");
        Assert.Equal("expression", (string?)license?.Attribute("type"));
        Assert.Equal("MIT", license?.Value);
        Assert.Equal("README.md", package.Element("readme")?.Value);
        Assert.Equal(ProjectUrl, package.Element("projectUrl")?.Value);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_Repository_IsTheGitUrlAndTheCommitPacked(string id)
    {
        using var package = new PackageFile(_packages.PackagePath(id));

        var repository = package.Element("repository");
        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(ProjectUrl, (string?)repository.Attribute("url"));
        Assert.Equal(_packages.Commit, (string?)repository.Attribute("commit"));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_Assemblies_AreDeterministic(string id)
    {
        using var package = new PackageFile(_packages.PackagePath(id));

        foreach (var framework in TargetFrameworks)
        {
            // The compiler writes a Reproducible entry only for a deterministic build.
            Assert.Contains(DebugDirectoryEntryType.Reproducible, package.DebugDirectory($"lib/{framework}/{id}.dll"));
        }
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void SymbolPackage_Pdbs_ArePortableWithContinuousIntegrationPaths(string id)
    {
        using var symbols = new PackageFile(_packages.SymbolPackagePath(id));

        Assert.Equal(_packages.Version, symbols.Element("version")?.Value);
        foreach (var framework in TargetFrameworks)
        {
            var documents = symbols.PdbDocuments($"lib/{framework}/{id}.pdb");
            Assert.NotEmpty(documents);

            // ContinuousIntegrationBuild maps the repository to /_/: the sources carry no path of the machine that packed them.
            Assert.Contains(documents, d => d.StartsWith($"/_/src/{id}/", StringComparison.Ordinal));
            Assert.DoesNotContain(documents, d => d.StartsWith(RepositoryRoot.Path, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void CorePackage_Contents_AreTheSchemaAndNoDependencies()
    {
        using var package = new PackageFile(_packages.PackagePath("ProgressiveDelivery"));

        Assert.Contains("progressive-delivery.schema.json", package.Entries);
        var groups = package.DependencyGroups();
        Assert.Equal(TargetFrameworks.Order(), groups.Keys.Order());
        Assert.All(groups.Values, Assert.Empty);
    }

    [Theory]
    [MemberData(nameof(PackagesDependingOnTheCore))]
    public void Package_Dependencies_AreTheCorePackageAtThePackedVersion(string id)
    {
        using var package = new PackageFile(_packages.PackagePath(id));

        var groups = package.DependencyGroups();
        Assert.Equal(TargetFrameworks.Order(), groups.Keys.Order());
        Assert.All(groups.Values, dependencies => Assert.Contains(("ProgressiveDelivery", _packages.Version), dependencies));
    }

    [GeneratedRegex(@"\]\((?!https://|#)[^)]*\)")]
    private static partial Regex RelativeLink();
}
