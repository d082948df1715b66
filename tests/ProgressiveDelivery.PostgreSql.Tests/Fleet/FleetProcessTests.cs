using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// Fleet mode with real processes on a real server: three replicas of tests/ProgressiveDelivery.FleetHost (Kestrel on
/// 127.0.0.1) share one rollout under a load of 2,000 users spread over them, while a sampler reads every replica's
/// rollout and lease claim and the lease row every 100 ms. Measurements go to the test output
/// (benchmarks/results/fleet-processes.md).
/// </summary>
public sealed class FleetProcessTests(PostgresServer server, ITestOutputHelper output) : FleetProcessTestBase(server, output)
{
    [PostgresFact]
    public async Task ThreeProcesses_UnderLoad_OneLeaderPerEpoch_SameWeightWithinASecond_UsersKeepTheirVariant()
    {
        double[] weights = [10, 20, 30, 40, 50, 60, 70, 80]; // the first change or two may pass before the sampler's first round
        var replicas = await StartReplicasAsync(3, weights, TimeSpan.FromSeconds(2));
        var sampler = StartSampler(replicas);
        var load = StartLoad(replicas);

        await WaitForEveryAsync(replicas, rollout => rollout.GetProperty("status").GetString() == "promoted", TimeSpan.FromSeconds(60), "promoted everywhere");
        await load.StopAsync();
        await sampler.DisposeAsync();

        Assert.Empty(load.Failures);
        AssertAliveWithoutUnhandledExceptions(replicas);

        // One leader per epoch: in every round where the epoch held still, at most one replica claimed the lease, the holder.
        var epochs = FleetChecks.ClaimsByEpoch(sampler.Rounds);
        Assert.NotEmpty(epochs);
        foreach (var (epoch, (holder, claimants)) in epochs)
        {
            Assert.True(claimants.Count <= 1 && claimants.All(claimant => claimant == holder), $"epoch {epoch} (holder {holder}) claimed by {string.Join(", ", claimants)}");
        }

        Assert.Contains(epochs.Values, entry => entry.Claimants.Count == 1);

        // Every weight reached every replica within a second of the first.
        var lags = FleetChecks.PropagationLags(sampler.Rounds, replicas);
        Assert.True(lags.Count >= 5, $"only {lags.Count} weight changes timed: {string.Join(", ", lags)}");
        Assert.All(lags, lag => Assert.True(lag.UpperBound <= TimeSpan.FromSeconds(1), $"{lag.WeightBasisPoints} bp took up to {lag.UpperBound}"));

        // A user keeps one variant, whichever replica serves it, at the weight each evaluation used.
        var (flapping, several) = FleetChecks.Stickiness(load.Answers);
        Assert.Empty(flapping);
        Assert.True(several >= 100, $"only {several} (weight, user) pairs were served by two replicas or more");

        var entered = await AssertAuditAsync(weights);
        Assert.Equal(FleetChecks.Planned(weights), entered);

        // The clock of stale flags is shared through the store: once promoted, the flag serves "new" to everyone.
        await AssertFlagClockAsync(FleetProcess.FlagKey, "new", TimeSpan.FromSeconds(10));
        Output.WriteLine(
            $"{load.Answers.Count} requests, {sampler.Rounds.Count} sampling rounds, epochs {string.Join(", ", epochs.Keys)}; " +
            $"propagation over {lags.Count} weight changes: observed p50 {FleetChecks.Milliseconds(FleetChecks.Percentile(lags.Select(lag => lag.Observed), 50))}, " +
            $"max {FleetChecks.Milliseconds(lags.Max(lag => lag.Observed))}; upper bound p50 {FleetChecks.Milliseconds(FleetChecks.Percentile(lags.Select(lag => lag.UpperBound), 50))}, " +
            $"p99 {FleetChecks.Milliseconds(FleetChecks.Percentile(lags.Select(lag => lag.UpperBound), 99))}; " +
            $"{several} (weight, user) pairs served by 2+ replicas, none with two variants");
        foreach (var lag in lags)
        {
            Output.WriteLine($"  {lag.WeightBasisPoints} bp: observed {FleetChecks.Milliseconds(lag.Observed)}, upper bound {FleetChecks.Milliseconds(lag.UpperBound)}");
        }
    }

    [PostgresFact]
    public async Task LeaderKilledMidStep_NewLeaderWithinTheLease_NoStepSkippedOrRepeated_CountsExact()
    {
        double[] weights = [10, 20, 30, 40, 50, 60, 70, 80];
        var replicas = await StartReplicasAsync(3, weights, TimeSpan.FromSeconds(3));
        var sampler = StartSampler(replicas);
        await WaitForEveryAsync(replicas, rollout => rollout.GetProperty("status").GetString() == "progressing", TimeSpan.FromSeconds(10), "progressing everywhere");
        var load = StartLoad(replicas); // from here every request served is recorded in attempt 1
        var leader = await WaitForLeaderAsync(replicas, sampler, TimeSpan.FromSeconds(10));
        await WaitUntilAsync(async () => WeightOf(await leader.GetRolloutAsync()) == 2_000, TimeSpan.FromSeconds(15), "the leader at 20%");
        await Task.Delay(TimeSpan.FromSeconds(1)); // mid-step: 1 s into a 3 s bake

        var survivors = replicas.Where(replica => replica != leader).ToList();
        var before = await sampler.ReadLeaseAsync();
        load.Exclude(leader);
        sampler.Exclude(leader);
        var killed = Stopwatch.GetTimestamp();
        await leader.KillAsync();
        var successor = await WaitForLeaderAsync(survivors, sampler, Lease * 3);
        var failover = Stopwatch.GetElapsedTime(killed);
        var after = await sampler.ReadLeaseAsync();
        Assert.True(after!.Epoch > before!.Epoch, $"epoch {before.Epoch} -> {after.Epoch}");
        Assert.True(failover <= Lease + (Lease / 15) + TimeSpan.FromMilliseconds(500), $"failover took {failover}");

        // The new leader decides on: the step the dead one was baking ends, and the next one too.
        await WaitForEveryAsync(survivors, rollout => WeightOf(rollout) >= 4_000, TimeSpan.FromSeconds(15), "two steps past the kill");
        await load.StopAsync();

        // Nothing lost, nothing counted twice: once the survivors flushed, their rows hold exactly the requests they answered.
        var rows = await ReadObservationsAsync();
        await WaitUntilAsync(async () =>
        {
            rows = await ReadObservationsAsync();
            return survivors.All(survivor => Exposures(rows, survivor.ReplicaId) == load.ServedBy(survivor));
        }, Flush * 10, "the survivors' rows equal the requests they answered");
        Assert.InRange(Exposures(rows, leader.ReplicaId), 1, load.ServedBy(leader)); // the dead one lost at most its last flush

        // The decider's next look judges exactly the sum of every replica's rows, the dead one's included.
        var judged = await WaitUntilAsync(async () =>
        {
            var arms = (await successor.GetRolloutAsync()).GetProperty("arms");
            return Arm(arms, "baseline", "exposures") + Arm(arms, "canary", "exposures") == rows.Sum(row => row.Baseline.Exposures + row.Canary.Exposures)
                && Arm(arms, "baseline", "units") + Arm(arms, "canary", "units") == Units(rows);
        }, (Flush * 2) + (Tick * 5), "the judged counts equal the rows");

        var entered = await AssertAuditAsync(weights);
        Assert.True(entered.Count >= 4, $"entered {string.Join(", ", entered)}");
        Output.WriteLine(
            $"killed {leader.Name} 1 s into the 20% step; new leader {successor.Name} after {FleetChecks.Milliseconds(failover)} " +
            $"(lease {Lease.TotalSeconds} s, epoch {before.Epoch} -> {after.Epoch}); weights entered {string.Join(", ", entered)}; " +
            $"judged {rows.Sum(row => row.Baseline.Exposures + row.Canary.Exposures)} exposures = sum of {rows.Count} rows " +
            $"(survivors {string.Join(", ", survivors.Select(s => load.ServedBy(s)))} answered = their rows; the dead one {Exposures(rows, leader.ReplicaId)} of {load.ServedBy(leader)} answered) " +
            $"{FleetChecks.Milliseconds(judged)} after the rows settled");
    }

    private static long Exposures(System.Collections.Generic.IEnumerable<Rollouts.Fleet.ReplicaObservations> rows, string replicaId) =>
        rows.Where(row => row.ReplicaId == replicaId).Sum(row => row.Baseline.Exposures + row.Canary.Exposures);

    private static long Units(System.Collections.Generic.IEnumerable<Rollouts.Fleet.ReplicaObservations> rows)
    {
        var union = new UnitSet();
        foreach (var row in rows)
        {
            union.UnionWith(row.BaselineUnits);
            union.UnionWith(row.CanaryUnits);
        }

        return union.Count;
    }

    private static long Arm(System.Text.Json.JsonElement arms, string arm, string count) => arms.GetProperty(arm).GetProperty(count).GetInt64();
}
