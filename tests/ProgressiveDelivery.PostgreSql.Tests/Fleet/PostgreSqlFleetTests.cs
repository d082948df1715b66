using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// Three replicas in this process, each with its own manager and <see cref="PostgreSqlFleet"/>, on one real server:
/// one decider, every replica on the same weight within a second, the decider judging every replica's flushes, a
/// graceful hand-over, a deposed decider fenced off.
/// </summary>
public sealed class PostgreSqlFleetTests(PostgresServer server) : PostgresTestBase(server)
{
    private static readonly RolloutPlan Plan = RolloutPlan.Canary(TimeSpan.FromSeconds(2));

    private readonly List<FleetReplicaHost> _replicas = [];

    public override async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [PostgresFact]
    public async Task ThreeReplicas_OneDecider_SameWeightEverywhereWithinASecond_CountsFromEveryReplica()
    {
        await StartAsync(3);
        var leader = await WaitForLeaderAsync();
        var random = new Random(5);
        var weightsSeen = new HashSet<int>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20) && _replicas[0].View.State.Status is RolloutStatus.Pending or RolloutStatus.Progressing && weightsSeen.Count < 4)
        {
            foreach (var replica in _replicas)
            {
                replica.Serve(300, 5_000, random);
                await replica.Manager.TickAsync(); // followers decide nothing; the leader judges
            }

            var committed = leader.View.State.WeightBasisPoints;
            weightsSeen.Add(committed);
            await AssertEveryReplicaServesAsync(committed, TimeSpan.FromSeconds(1));
            Assert.Single(_replicas, replica => replica.Leads);
            await Task.Delay(100);
        }

        Assert.True(weightsSeen.Count >= 3, $"the rollout advanced through steps ({string.Join(", ", weightsSeen)}): {leader.View.State} {leader.View.LastVerdict} {leader.View.LastError}");

        // Sticky across replicas: every user gets one variant whichever replica serves it.
        for (var user = 0; user < 5_000; user += 11)
        {
            var variants = _replicas.Select(replica => replica.VariantOf("user-" + user)).Distinct().Count();
            Assert.Equal(1, variants);
        }

        // The decider's judged counts are the sum of every replica's flushed rows of the attempt at its last look.
        await Task.Delay(600); // one more flush of everything served
        await leader.Manager.TickAsync();
        var view = leader.View;
        var rows = await leader.Fleet.ReadObservationsAsync(FleetReplicaHost.RolloutId, view.State.Attempt);
        Assert.Equal(3, rows.Select(row => row.ReplicaId).Distinct().Count());
        Assert.Equal(rows.Sum(row => row.Baseline.Exposures + row.Canary.Exposures), view.BaselineExposures + view.CanaryExposures);

        var audit = await new PostgreSqlAuditLog(DataSource, Options).ReadAsync(FleetReplicaHost.RolloutId);
        Assert.True(AuditChainVerifier.Verify(audit).IsValid);

        // Each weight of the plan entered once, in order: no step skipped or repeated across the replicas.
        var entered = FleetChecks.WeightsEntered(audit);
        Assert.True(entered.Count >= weightsSeen.Count(weight => weight > 0), $"entered {string.Join(", ", entered)}; seen {string.Join(", ", weightsSeen)}");
        var planned = Plan.Steps.Where(step => step.Kind == RolloutStepKind.SetWeight).Select(step => step.WeightPercent).ToList();
        Assert.Equal(planned.Take(entered.Count), entered);
    }

    [PostgresFact]
    public async Task ALeaderThatStops_HandsOverAtOnce()
    {
        await StartAsync(3, TimeSpan.FromSeconds(30)); // a long lease: only the resignation can explain a fast hand-over
        var leader = await WaitForLeaderAsync();
        var watch = Stopwatch.StartNew();
        await leader.StopAsync();
        _replicas.Remove(leader);
        await leader.DisposeAsync();

        var next = await WaitForLeaderAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"hand-over took {watch.Elapsed}");
        Assert.NotSame(leader, next);
    }

    [PostgresFact]
    public async Task ADeposedLeadersWrite_IsRejected_AndItFollows()
    {
        await StartAsync(2, TimeSpan.FromSeconds(30));
        var leader = await WaitForLeaderAsync();
        var other = _replicas.Single(replica => replica != leader);
        leader.Serve(200, 1_000, new Random(1));
        await leader.Manager.TickAsync();
        var version = (await new PostgreSqlRolloutStore(DataSource, Options).GetAsync(FleetReplicaHost.RolloutId))!.Version;

        // The lease runs out behind the leader's back (as when it is paused past it), and the other replica takes it.
        await ScalarAsync($"UPDATE \"{Schema}\".leases SET expires_at = now() - interval '1 second'");
        await WaitUntilAsync(() => other.Leads, TimeSpan.FromSeconds(5));
        Assert.True(leader.Leads, "the deposed leader has not noticed yet (its renewal is not due)");

        var report = await leader.Manager.TickAsync();

        Assert.IsType<RolloutLeaseLostException>(Assert.Single(report.Failures).Exception);
        Assert.False(leader.Leads);
        var stored = await new PostgreSqlRolloutStore(DataSource, Options).GetAsync(FleetReplicaHost.RolloutId);
        Assert.Equal(version, stored!.Version); // nothing the deposed leader decided was stored (the other replica does not tick until below)
        await other.Manager.TickAsync();
        await WaitUntilAsync(() => leader.View.Version == other.View.Version, TimeSpan.FromSeconds(2));
    }

    private async Task StartAsync(int count, TimeSpan? leaseDuration = null)
    {
        for (var i = 0; i < count; i++)
        {
            var replica = new FleetReplicaHost(DataSource, Schema, "replica-" + i, leaseDuration);
            _replicas.Add(replica);
            await replica.StartAsync(Plan);
        }
    }

    private async Task<FleetReplicaHost> WaitForLeaderAsync()
    {
        await WaitUntilAsync(() => _replicas.Count(replica => replica.Leads) == 1, TimeSpan.FromSeconds(10));
        return _replicas.Single(replica => replica.Leads);
    }

    private async Task AssertEveryReplicaServesAsync(int weight, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        await WaitUntilAsync(() => _replicas.All(replica => replica.View.State.WeightBasisPoints == weight), within);
        Assert.True(watch.Elapsed <= within);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"not within {timeout}");
            await Task.Delay(20);
        }
    }
}
