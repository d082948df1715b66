using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using Xunit.Abstractions;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// Replicas as real processes on this test's schema, with short timings (tick 200 ms, lease 3 s, flush 300 ms, sync
/// 250 ms, replica timeout 2 s); every process is killed at the end, pass or fail, and a server a test stopped is
/// started again.
/// </summary>
public abstract class FleetProcessTestBase(PostgresServer server, ITestOutputHelper output) : PostgresTestBase(server)
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    protected static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    protected static readonly TimeSpan Flush = TimeSpan.FromMilliseconds(300);

    private readonly List<FleetProcess> _processes = [];
    private readonly List<IAsyncDisposable> _resources = [];

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Stops the load and the sampler, kills every process (even when stopping the others threw), restarts a stopped server.</summary>
    public override async Task DisposeAsync()
    {
        try
        {
            foreach (var resource in Enumerable.Reverse(_resources))
            {
                await resource.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                foreach (var process in _processes)
                {
                    if (process.Output.Contains("Unhandled exception", StringComparison.Ordinal))
                    {
                        Output.WriteLine($"--- {process.Name} ---\n{process.Output}");
                    }

                    await process.DisposeAsync();
                }
            }
            finally
            {
                if (!Server.IsRunning)
                {
                    await Server.StartAsync();
                }

                await base.DisposeAsync();
            }
        }
    }

    /// <summary>Starts replicas in parallel, each running the plan <paramref name="weights"/> (then 100%) with <paramref name="bake"/> at each.</summary>
    internal async Task<IReadOnlyList<FleetProcess>> StartReplicasAsync(int count, double[] weights, TimeSpan bake)
    {
        string[] arguments =
        [
            "--tick", Duration(Tick), "--lease", Duration(Lease), "--flush", Duration(Flush), "--sync", "250ms", "--replica-timeout", "2s",
            "--weights", string.Join(',', weights.Select(weight => weight.ToString(CultureInfo.InvariantCulture))), "--bake", Duration(bake),
        ];
        var starts = Enumerable.Range(0, count).Select(i => FleetProcess.StartAsync("replica-" + i, Server.ConnectionString, Schema, arguments)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            _processes.AddRange(starts.Where(start => start.IsCompletedSuccessfully).Select(start => start.Result));
        }

        return [.. starts.Select(start => start.Result)];
    }

    private static string Duration(TimeSpan time) => time.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";

    internal FleetLoad StartLoad(IReadOnlyList<FleetProcess> replicas) => Track(new FleetLoad(replicas));

    internal FleetSampler StartSampler(IReadOnlyList<FleetProcess> replicas) => Track(new FleetSampler(replicas, DataSource, Schema, TimeSpan.FromMilliseconds(100)));

    /// <summary>Waits until the only replica (of <paramref name="replicas"/>) claiming the lease is the database's holder.</summary>
    internal static async Task<FleetProcess> WaitForLeaderAsync(IReadOnlyList<FleetProcess> replicas, FleetSampler sampler, TimeSpan timeout)
    {
        FleetProcess? leader = null;
        await WaitUntilAsync(async () =>
        {
            var claims = await Task.WhenAll(replicas.Select(replica => replica.ClaimsLeaseAsync()));
            var lease = await sampler.ReadLeaseAsync();
            var claimants = replicas.Where((_, i) => claims[i]).ToList();
            leader = claimants.Count == 1 && claimants[0].ReplicaId == lease?.Holder ? claimants[0] : null;
            return leader is not null;
        }, timeout, "one leader");
        return leader!;
    }

    /// <summary>Waits until every replica's rollout satisfies <paramref name="condition"/>.</summary>
    internal static Task WaitForEveryAsync(IReadOnlyList<FleetProcess> replicas, Func<System.Text.Json.JsonElement, bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(async () => (await Task.WhenAll(replicas.Select(replica => replica.GetRolloutAsync()))).All(condition), timeout, what);

    internal static int WeightOf(System.Text.Json.JsonElement rollout) => (int)Math.Round(rollout.GetProperty("weightPercent").GetDouble() * 100);

    /// <summary>Polls every 50 ms until the condition holds; fails after <paramref name="timeout"/>. A database that does not answer counts as "not yet".</summary>
    internal static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return watch.Elapsed;
                }
            }
            catch (NpgsqlException)
            {
                // the server restarting, or a pooled connection it cut: ask again
            }

            Assert.True(watch.Elapsed < timeout, $"not within {timeout}: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Every replica's latest observation rows of the attempt, as stored.</summary>
    internal Task<IReadOnlyList<ReplicaObservations>> ReadObservationsAsync(int attempt = 1) =>
        new PostgreSqlFleet(DataSource, new PostgreSqlFleetOptions { Schema = Schema }).ReadObservationsAsync(FleetProcess.RolloutId, attempt);

    /// <summary>Checks the audit chain (hashes, across every leader) and that the plan's weights were entered in order, each once; returns them.</summary>
    internal async Task<List<double>> AssertAuditAsync(double[] weights)
    {
        var chain = await new PostgreSqlAuditLog(DataSource, Options).ReadAsync(FleetProcess.RolloutId);
        var verification = AuditChainVerifier.Verify(chain);
        Assert.True(verification.IsValid, verification.ToString());
        var entered = FleetChecks.WeightsEntered(chain);
        Assert.True(entered.Count > 0, "no weight entered");
        Assert.Equal(FleetChecks.Planned(weights).Take(entered.Count), entered);
        return entered;
    }

    internal static void AssertAliveWithoutUnhandledExceptions(IEnumerable<FleetProcess> replicas)
    {
        foreach (var replica in replicas)
        {
            Assert.False(replica.HasExited, $"{replica.Name} exited:\n{replica.Output}");
            Assert.DoesNotContain("Unhandled exception", replica.Output, StringComparison.Ordinal);
        }
    }

    private T Track<T>(T resource)
        where T : IAsyncDisposable
    {
        _resources.Add(resource);
        return resource;
    }

    /// <summary>Waits until the flag clock stored by the replicas (AspNetCore's stale-flag report) records <paramref name="variant"/> for the flag.</summary>
    protected async Task AssertFlagClockAsync(string flagKey, string variant, TimeSpan timeout)
    {
        var store = new PostgreSqlRolloutStore(DataSource, Options);
        await WaitUntilAsync(
            async () => await store.GetAsync("progressive-delivery.flag-clock") is { } document
                && document.State.GetProperty("format").GetString() == "flag-clock/1"
                && document.State.GetProperty("flags").TryGetProperty(flagKey, out var entry)
                && entry.GetProperty("variant").GetString() == variant,
            timeout,
            $"the flag clock records '{flagKey}' serving '{variant}'");
    }
}
