using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.Display;
using CheckoutCanary.Run;
using CheckoutCanary.Tests.Infrastructure;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts;
using Xunit.Abstractions;

namespace CheckoutCanary.Tests;

/// <summary>
/// Fleet mode end to end, as <c>--replicas 3 --postgres CS --fast --scenario healthy --plain</c> runs it: this process
/// is replica 1, two child processes (this demo again, in its hidden replica mode) are replicas 2 and 3, all on one
/// schema of a throwaway PostgreSQL server, and the users' requests go round robin across them.
/// </summary>
public sealed class FleetScenarioTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task Healthy_canary_is_promoted_across_three_replicas_that_all_serve_100_percent()
    {
        Assert.True(DemoCommandLine.TryParse(["--replicas", "3", "--postgres", server.ConnectionString, "--fast", "--scenario", "healthy", "--plain"], out var commandLine, out var error), error);
        var writer = new StringWriter();
        var display = new PlainDisplay(writer);
        ScenarioResult result;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(80));
            var results = await Program.RunAsync(commandLine!, display, timeout.Token);
            display.Summary(results);
            result = Assert.Single(results);
        }
        finally
        {
            output.WriteLine(writer.ToString());
        }

        Assert.Equal(RolloutStatus.Promoted, result.Status);
        Assert.True(result.AsExpected);
        var replicas = result.Final.Replicas;
        Assert.Equal([1, 2, 3], replicas.Select(r => r.Number).Order());
        Assert.All(replicas, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(100, r.WeightPercent);
            Assert.Equal(result.Final.Rollout.Version, r.Version);
            Assert.StartsWith("promoted", r.State, StringComparison.Ordinal);
            Assert.True(r.Requests > 100, $"{r.ReplicaId} served {r.Requests} requests");
        });
        Assert.Single(replicas, r => r.HoldsLease);
        Assert.Equal(3, replicas.Select(r => r.ProcessId).Distinct().Count());

        // Users were served by every replica in turn and still never moved back: the assignment is the same everywhere.
        Assert.True(result.Final.StableToCanary > 0, "raising the weight moves some stable users to the canary");
        Assert.Equal(0, result.Final.CanaryToStable);
        Assert.Equal(0, result.Final.TransportErrors);
        Assert.Equal(RolloutReasons.StepsCompleted, result.Trail[^1].Reason);
        Assert.NotEmpty(result.Deciders);
        Assert.Contains("Decided by replica-", writer.ToString(), StringComparison.Ordinal);

        // Clean-up: the children are gone and the scenario's schema is dropped.
        foreach (var child in replicas.Where(r => r.Number > 1))
        {
            Assert.False(DemoProcess.IsRunning(child.ProcessId), $"{child.ReplicaId} (process {child.ProcessId}) still runs");
        }

        await AssertNoDemoSchemaLeftAsync();
    }

    /// <summary>
    /// SIGTERM to the demo (the parent, replica 1) while its two child replicas serve: the run stops with the summary and
    /// the scenario's exit code for an interrupted run, and the children are stopped with it, not left orphaned.
    /// </summary>
    [PostgresFact]
    public async Task Sigterm_ToTheParent_StopsEveryChildReplicaAndDropsTheSchema()
    {
        await using var demo = StartThreeReplicas();
        try
        {
            var children = await WaitForTheChildrenAsync(demo);

            demo.Signal(DemoProcess.Sigterm);

            Assert.True(await demo.WaitForExitAsync(TimeSpan.FromSeconds(30)), "still running 30 s after SIGTERM");
            Assert.Equal(143, demo.ExitCode);
            Assert.Contains(demo.Lines, l => l.StartsWith("healthy: interrupted at ", StringComparison.Ordinal));
            Assert.All(children, child => Assert.False(DemoProcess.IsRunning(child), $"child replica (process {child}) still runs"));
        }
        finally
        {
            output.WriteLine(demo.Output);
        }

        await AssertNoDemoSchemaLeftAsync();
    }

    /// <summary>
    /// Ctrl+C in a terminal sends SIGINT to the whole process group: the children as well as the demo. The children
    /// ignore it and keep serving, so the demo's last look still finds every replica, and then the demo stops them
    /// (gracefully, through their standard input). Here the children get it a little earlier than the demo: a child that
    /// stopped on it would be gone by then, and the summary would show it unreachable.
    /// </summary>
    [PostgresFact]
    public async Task Sigint_ToTheChildrenAndTheParent_ChildrenKeepServingUntilTheParentStopsThem()
    {
        await using var demo = StartThreeReplicas();
        try
        {
            var children = await WaitForTheChildrenAsync(demo);

            foreach (var child in children)
            {
                DemoProcess.Signal(child, DemoProcess.Sigint);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.All(children, child => Assert.True(DemoProcess.IsRunning(child), $"child replica (process {child}) stopped on SIGINT"));
            demo.Signal(DemoProcess.Sigint);

            Assert.True(await demo.WaitForExitAsync(TimeSpan.FromSeconds(30)), "still running 30 s after SIGINT");
            Assert.Equal(130, demo.ExitCode);
            Assert.Contains(demo.Lines, l => l.StartsWith("healthy: interrupted at ", StringComparison.Ordinal));
            var replicas = Assert.Single(demo.Lines, l => l.Contains("Replicas at the end: ", StringComparison.Ordinal));
            Assert.Contains("replica-2 ", replicas, StringComparison.Ordinal);
            Assert.Contains("replica-3 ", replicas, StringComparison.Ordinal);
            Assert.DoesNotContain("unreachable", replicas, StringComparison.Ordinal);
            Assert.All(children, child => Assert.False(DemoProcess.IsRunning(child), $"child replica (process {child}) still runs"));
        }
        finally
        {
            output.WriteLine(demo.Output);
        }

        await AssertNoDemoSchemaLeftAsync();
    }

    /// <summary>The demo as a process: the healthy scenario on three replicas, slow enough to be interrupted.</summary>
    private DemoProcess StartThreeReplicas() => DemoProcess.Start(
        ["--replicas", "3", "--postgres", server.ConnectionString, "--fast", "--scenario", "healthy", "--plain", "--users", "200", "--rate", "50"],
        closeInput: true);

    /// <summary>Waits for a progress line with every replica; returns the two children's process ids.</summary>
    private static async Task<IReadOnlyList<int>> WaitForTheChildrenAsync(DemoProcess demo)
    {
        await demo.WaitForLineAsync(l => l.Contains("replica-2 ", StringComparison.Ordinal) && l.Contains("replica-3 ", StringComparison.Ordinal), "a line with all three replicas", TimeSpan.FromSeconds(90));
        var children = demo.ChildProcessIds();
        Assert.Equal(2, children.Count);
        return children;
    }

    /// <summary>Every scenario schema the demo made is dropped.</summary>
    private async Task AssertNoDemoSchemaLeftAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await using var schemas = dataSource.CreateCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'checkout_demo_%'");
        Assert.Equal(0L, await schemas.ExecuteScalarAsync());
    }
}
