using System;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ProgressiveDelivery.Packaging.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ProgressiveDelivery.Packaging.Tests;

/// <summary>
/// The packages used exactly as users consume them: a web app and its xunit tests (Consumer/), outside the repository,
/// reference ProgressiveDelivery.AspNetCore and ProgressiveDelivery.Testing as packages from the local feed; they build,
/// their tests pass, and the app serves its appsettings.json flags over HTTP.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed partial class PackagedConsumerTests
{
    /// <summary>The tests in Consumer/Consumer.App.Tests.</summary>
    private const int ConsumerTestCount = 4;

    private readonly PackagingFixture _packages;
    private readonly ITestOutputHelper _output;

    public PackagedConsumerTests(PackagingFixture packages, ITestOutputHelper output)
    {
        _packages = packages;
        _output = output;
    }

    [Theory]
    [InlineData("Consumer.App", "ProgressiveDelivery.AspNetCore")]
    [InlineData("Consumer.App.Tests", "ProgressiveDelivery.Testing")]
    public async Task ConsumerRestore_Libraries_AreThePackagesAtThePackedVersion(string project, string id)
    {
        var consumer = await ConsumerAsync();

        using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(consumer.AssetsFile(project)));
        var libraries = assets.RootElement.GetProperty("libraries");
        foreach (var packageId in new[] { id, "ProgressiveDelivery" })
        {
            Assert.True(
                libraries.TryGetProperty($"{packageId}/{_packages.Version}", out var library),
                $"{project} did not restore {packageId} {_packages.Version}: {libraries}");
            Assert.Equal("package", library.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task ConsumerTests_AgainstThePackages_Pass()
    {
        var test = (await ConsumerAsync()).Test;

        // VSTest's summary line: "Passed!  - Failed:     0, Passed:     4, Skipped:     0, Total:     4, ..."
        var summary = TestSummary().Match(test.Text);
        Assert.True(summary.Success, $"No test summary in the consumer's `dotnet test` output:{Environment.NewLine}{test.Text}");
        Assert.True(
            summary.Groups["failed"].Value == "0" && summary.Groups["passed"].Value == $"{ConsumerTestCount}",
            $"Expected {ConsumerTestCount} consumer tests to pass: {summary.Value}{Environment.NewLine}{test.Text}");
    }

    [Fact]
    public async Task ConsumerApp_Running_ServesTheFlagsOfItsAppsettings()
    {
        var consumer = await ConsumerAsync();

        using var app = await RunningApp.StartAsync(Path.Combine(consumer.AppOutputDirectory, "Consumer.App.dll"), "/");

        // appsettings.json: new-checkout serves "on", beta-search serves "off"; a closed gate answers 404.
        using var open = await app.Client.GetAsync(new Uri("/checkout/v2", UriKind.Relative));
        Assert.True(open.StatusCode == HttpStatusCode.OK, $"GET /checkout/v2 answered {open.StatusCode}; the app printed:{Environment.NewLine}{app.Output}");
        Assert.Equal("the new checkout", await open.Content.ReadAsStringAsync());
        using var closed = await app.Client.GetAsync(new Uri("/search/beta", UriKind.Relative));
        Assert.True(closed.StatusCode == HttpStatusCode.NotFound, $"GET /search/beta answered {closed.StatusCode}; the app printed:{Environment.NewLine}{app.Output}");
    }

    private async Task<ConsumerSolution> ConsumerAsync()
    {
        var consumer = await _packages.ConsumerAsync();
        _output.WriteLine($"pack {_packages.Version}: {_packages.Pack?.Elapsed.TotalSeconds:0.0} s; consumer build and test: {consumer.Test.Elapsed.TotalSeconds:0.0} s");
        return consumer;
    }

    [GeneratedRegex(@"(Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+)")]
    private static partial Regex TestSummary();
}
