using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.Display;
using CheckoutCanary.Run;
using ProgressiveDelivery.Rollouts;
using Xunit.Abstractions;

namespace CheckoutCanary.Tests;

/// <summary>
/// Each non-interactive scenario, run as <c>--fast --scenario NAME --plain</c> would run it: a real app on Kestrel, the
/// load generator over HTTP, the file store. The judge, not the test, decides; the test checks where it ended and why.
/// </summary>
public sealed class ScenarioTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _stateRoot = Path.Combine(Path.GetTempPath(), "CheckoutCanary.Tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Healthy_canary_is_promoted_to_everyone_and_nobody_moves_back()
    {
        var result = await RunAsync("healthy");

        Assert.Equal(RolloutStatus.Promoted, result.Status);
        Assert.True(result.AsExpected);
        Assert.Equal(100, result.Final.Rollout.State.WeightPercent);
        Assert.Equal(0, result.Final.CanaryToStable);
        Assert.True(result.Final.StableToCanary > 0, "raising the weight moves some stable users to the canary");
        Assert.True(result.Final.Canary.Requests > 100, $"the canary served {result.Final.Canary.Requests} checkouts");
        Assert.Equal(0, result.Final.TransportErrors);
        Assert.DoesNotContain(result.Trail, e => e.Reason.StartsWith(RolloutReasons.JudgePrefix, StringComparison.Ordinal));
        Assert.Equal(RolloutReasons.StepsCompleted, result.Trail[^1].Reason);
    }

    [Fact]
    public async Task Error_regression_is_rolled_back_by_the_judge_on_errors()
    {
        var result = await RunAsync("error-regression");

        Assert.Equal(RolloutStatus.RolledBack, result.Status);
        Assert.Equal(RolloutReasons.JudgePrefix + "metric_failed", result.Reason);
        Assert.True(result.AsExpected);
        Assert.Equal(0, result.Final.Rollout.State.WeightPercent);
        var errors = Assert.Single(result.Final.Verdict!.Metrics, m => m.Name == "errors");
        Assert.StartsWith("Fail", errors.Result, StringComparison.Ordinal);
        Assert.True(errors.CanaryEstimate > errors.BaselineEstimate * 3, $"canary {errors.CanaryEstimate} vs stable {errors.BaselineEstimate}");
        Assert.Contains("errors", result.Trail[^1].VerdictMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_regression_is_rolled_back_by_the_judge_on_latency()
    {
        var result = await RunAsync("latency-regression");

        Assert.Equal(RolloutStatus.RolledBack, result.Status);
        Assert.True(result.AsExpected);
        var latency = Assert.Single(result.Final.Verdict!.Metrics, m => m.Name == "latency");
        Assert.StartsWith("Fail", latency.Result, StringComparison.Ordinal);
        Assert.InRange(result.Final.Canary.P50Milliseconds / result.Final.Stable.P50Milliseconds, 1.15, 3.0);
    }

    [Fact]
    public async Task No_traffic_pauses_with_no_data_and_never_rolls_back()
    {
        var result = await RunAsync("no-traffic");

        Assert.Equal(RolloutStatus.Paused, result.Status);
        Assert.Equal(RolloutReasons.JudgePrefix + "no_data", result.Reason);
        Assert.True(result.AsExpected);
        Assert.Equal(0, result.Final.Stable.Requests + result.Final.Canary.Requests);
        Assert.True(result.Final.OtherPages > 0, "users browsed other pages meanwhile");
        Assert.DoesNotContain(result.Trail, e => e.After?.StartsWith("rolled back", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_scenario_starts_from_a_clean_state_folder()
    {
        var stale = Path.Combine(_stateRoot, "no-traffic", "stale.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "{}");

        var result = await RunAsync("no-traffic");

        Assert.False(File.Exists(stale));
        Assert.True(Directory.EnumerateFileSystemEntries(result.StateDirectory).Any(), "the file store wrote the rollout's state and audit log there");
        Assert.Equal(1, result.Final.Rollout.State.Attempt);
    }

    private async Task<ScenarioResult> RunAsync(string scenario)
    {
        Assert.True(DemoCommandLine.TryParse(["--fast", "--plain", "--scenario", scenario, "--state-dir", _stateRoot], out var commandLine, out var error), error);
        var writer = new StringWriter();
        var display = new PlainDisplay(writer);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var results = await Program.RunAsync(commandLine!, display, timeout.Token);
            display.Summary(results);
            return Assert.Single(results);
        }
        finally
        {
            output.WriteLine(writer.ToString());
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateRoot))
        {
            Directory.Delete(_stateRoot, recursive: true);
        }
    }
}
