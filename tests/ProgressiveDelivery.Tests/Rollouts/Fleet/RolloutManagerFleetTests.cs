using System;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts.Fleet;

/// <summary>
/// <see cref="RolloutManager"/> in fleet mode, three replicas on an in-memory fleet: one decider, judged on every
/// replica's flushed observations, every replica on the stored weight, fenced writes, commands from any replica.
/// </summary>
public sealed class RolloutManagerFleetTests
{
    private static readonly RolloutPlan Plan = RolloutPlan.Canary(TimeSpan.FromMinutes(10));

    [Fact]
    public async Task OnlyTheLeaseHolderDecides_AndEveryReplicaServesTheStoredWeight()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(Plan);
        fleet.Lead(1);

        for (var minute = 0; minute < 25; minute++)
        {
            var reports = await fleet.RunMinuteAsync();
            Assert.All(reports, report => Assert.Empty(report.Failures));
            Assert.Empty(reports[0].Transitions);
            Assert.Empty(reports[2].Transitions);
            var weights = fleet.Replicas.Select(replica => replica.View.State.WeightBasisPoints).Distinct().ToList();
            Assert.Single(weights);
        }

        var state = fleet.Replicas[0].View.State;
        Assert.Equal(RolloutStatus.Progressing, state.Status);
        Assert.True(state.WeightBasisPoints > 100, $"the rollout advanced past its first step (at {state.WeightBasisPoints} bp)");

        // Sticky across replicas: every unit gets the same variant from each replica's evaluator.
        for (var unit = 0; unit < RolloutHarness.Population; unit += 7)
        {
            var onCanary = fleet.Replicas[0].IsOnCanary(unit);
            Assert.Equal(onCanary, fleet.Replicas[1].IsOnCanary(unit));
            Assert.Equal(onCanary, fleet.Replicas[2].IsOnCanary(unit));
        }

        var audit = await fleet.ReadAuditAsync();
        Assert.NotEmpty(audit);
        Assert.True(AuditChainVerifier.Verify(audit).IsValid);
        Assert.Equal(audit.Count, audit.Select(entry => entry.Sequence).Distinct().Count());
        Assert.All(audit.Where(entry => entry.Action == AuditActions.Transition), entry => Assert.Equal("controller@replica-1", entry.Actor));
    }

    [Fact]
    public async Task TheDeciderJudgesTheMergeOfEveryReplicasFlush_CountingEachUnitOnce()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(Plan);
        fleet.Lead(0);
        for (var minute = 0; minute < 12; minute++)
        {
            await fleet.RunMinuteAsync();
        }

        // Flushed and judged at the same point: the decider's counts are the sum of every replica's rows.
        var view = fleet.Replicas[0].View;
        var rows = fleet.Shared.Rows.Values.Where(row => row.Attempt == view.State.Attempt).ToList();
        Assert.Equal(3, rows.Select(row => row.ReplicaId).Distinct().Count());
        Assert.True(rows.Select(row => row.Step).Distinct().Count() >= 2, "observations are kept per step");
        Assert.Equal(rows.Sum(row => row.Baseline.Exposures), view.BaselineExposures);
        Assert.Equal(rows.Sum(row => row.Canary.Exposures), view.CanaryExposures);
        Assert.Equal(rows.Sum(row => row.Canary.GetCount(RolloutMetrics.Errors)), view.CanaryErrors);

        // The same users reach every replica: summing the replicas' unit counts would count them up to three times.
        var summed = rows.Sum(row => row.Baseline.Units + row.Canary.Units);
        var union = new ProgressiveDelivery.Analysis.Observations.UnitSet();
        foreach (var row in rows)
        {
            union.UnionWith(row.BaselineUnits);
            union.UnionWith(row.CanaryUnits);
        }

        Assert.Equal(union.Count, view.BaselineUnits + view.CanaryUnits);
        Assert.True(summed > union.Count + 1000, $"units overlap across replicas ({summed} summed, {union.Count} distinct)");

        // Every follower shows the decider's fleet-wide counts, not its own.
        Assert.Equal(view.CanaryExposures, fleet.Replicas[2].View.CanaryExposures);
    }

    [Fact]
    public async Task RepeatedAndReorderedFlushes_NeverCountTwice()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(Plan);
        fleet.Lead(0);
        await fleet.RunMinuteAsync();
        var stale = fleet.Replicas[2].Manager.CollectObservations(1); // an old flush, delivered late
        await fleet.RunMinuteAsync();
        var before = fleet.Shared.Rows.Values.Sum(row => row.Canary.Exposures + row.Baseline.Exposures);
        var decider = fleet.Replicas[0];
        Assert.Empty((await decider.Manager.TickAsync()).Failures);
        var judged = decider.View.BaselineExposures + decider.View.CanaryExposures;
        Assert.Equal(before, judged);

        fleet.Shared.Upsert(stale);
        var again = fleet.Replicas[1].Manager.CollectObservations(long.MaxValue - 1);
        fleet.Shared.Upsert(again);
        fleet.Shared.Upsert(again); // a retried flush

        // What the decider judges (its merge of the rows) is unchanged by the late and the repeated flush.
        Assert.Equal(before, fleet.Shared.Rows.Values.Sum(row => row.Canary.Exposures + row.Baseline.Exposures));
        Assert.Empty((await decider.Manager.TickAsync()).Failures);
        Assert.Equal(judged, decider.View.BaselineExposures + decider.View.CanaryExposures);
    }

    [Fact]
    public async Task ADeposedLeadersWrite_IsFencedOff_AndItContinuesAsAFollower()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(Plan);
        fleet.Lead(0);
        await fleet.RunMinuteAsync();
        await fleet.RunMinuteAsync();
        var versionBefore = (await fleet.Shared.Store.GetAsync(RolloutHarness.RolloutId))!.Version;

        // Replica 0 stalls past its lease; replica 1 takes it over (a new epoch) but has not written yet.
        fleet.Shared.GiveLease(RolloutHarness.RolloutId, fleet.Fleets[1].ReplicaId);
        fleet.Fleets[1].RefreshLeases([RolloutHarness.RolloutId]);
        fleet.Replicas[0].ServeTraffic(500);
        fleet.Clock.Advance(TimeSpan.FromMinutes(11)); // past the bake: it decides to advance
        fleet.FlushAll();
        var stateBefore = fleet.Replicas[0].View.State;
        var report = await fleet.Replicas[0].Manager.TickAsync(); // still believes it leads

        var failure = Assert.Single(report.Failures);
        Assert.IsType<RolloutLeaseLostException>(failure.Exception);
        Assert.Equal(versionBefore, (await fleet.Shared.Store.GetAsync(RolloutHarness.RolloutId))!.Version);
        Assert.Equal(stateBefore, fleet.Replicas[0].View.State); // the decision it could not write is shown nowhere
        Assert.Equal(stateBefore.WeightBasisPoints, fleet.Replicas[0].Evaluator.SplitOverrides[RolloutHarness.FlagKey].CanaryBasisPoints);

        // It learns of the new lease and follows: its ticks decide nothing, the new leader's do (once replica 0 has
        // re-read the stored state it had left: until then it reports no applied version).
        fleet.RefreshLeases();
        for (var minute = 0; minute < 2; minute++)
        {
            var reports = await fleet.RunMinuteAsync();
            Assert.All(reports, r => Assert.Empty(r.Failures));
        }

        Assert.True((await fleet.Shared.Store.GetAsync(RolloutHarness.RolloutId))!.Version > versionBefore);
        Assert.Equal(fleet.Replicas[1].View.Version, fleet.Replicas[0].View.Version);
        Assert.True(AuditChainVerifier.Verify(await fleet.ReadAuditAsync()).IsValid);
    }

    [Fact]
    public async Task ACommandOnAFollower_IsAuditedOnce_AndReachesEveryReplica()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(Plan);
        fleet.Lead(0);
        await fleet.RunMinuteAsync();
        var entriesBefore = (await fleet.ReadAuditAsync()).Count;

        var view = await fleet.Replicas[2].Manager.PauseAsync(RolloutHarness.RolloutId, "alice", "checking a dashboard");
        Assert.Equal(RolloutStatus.Paused, view.State.Status);
        await fleet.SyncAllAsync();

        Assert.All(fleet.Replicas, replica => Assert.Equal(RolloutStatus.Paused, replica.View.State.Status));
        var audit = await fleet.ReadAuditAsync();
        Assert.Equal(entriesBefore + 1, audit.Count);
        Assert.Equal("alice", audit[^1].Actor);

        // The leader's next ticks leave the pause alone.
        await fleet.RunMinuteAsync();
        Assert.Equal(RolloutStatus.Paused, fleet.Replicas[0].View.State.Status);
        Assert.Equal(entriesBefore + 1, (await fleet.ReadAuditAsync()).Count);
    }

    [Fact]
    public async Task TheDeciderWaits_WhileALiveReplicaIsBehind()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(Plan);
        fleet.Lead(0);
        await fleet.RunMinuteAsync();

        // Replica 2 reports an old version (it has not applied the latest weight).
        fleet.Shared.Applied[(fleet.Fleets[2].ReplicaId, RolloutHarness.RolloutId)] = 0;
        var version = (await fleet.Shared.Store.GetAsync(RolloutHarness.RolloutId))!.Version;
        fleet.Clock.Advance(TimeSpan.FromMinutes(30));
        var report = await fleet.Replicas[0].Manager.TickAsync();

        Assert.Empty(report.Transitions);
        Assert.Equal(version, (await fleet.Shared.Store.GetAsync(RolloutHarness.RolloutId))!.Version);
        Assert.Contains("waiting for every live replica", fleet.Replicas[0].View.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObservationsOfAStepThatEnded_StayWithThatStep_UntilFlushedTwice()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(Plan);
        fleet.Lead(0);
        var firstWeight = 0;
        for (var minute = 0; minute < 12 && (firstWeight == 0 || fleet.Replicas[2].View.State.WeightBasisPoints == firstWeight); minute++)
        {
            await fleet.RunMinuteAsync();
            firstWeight = firstWeight == 0 ? fleet.Replicas[2].View.State.WeightBasisPoints : firstWeight;
        }

        // Replica 2 recorded under the first step and moved on; its first-step row is the one it flushed last.
        var firstStepRows = fleet.Shared.Rows.Values.Where(row => row.ReplicaId == fleet.Fleets[2].ReplicaId && row.WeightBasisPoints == firstWeight).ToList();
        var row = Assert.Single(firstStepRows);
        fleet.FlushAll();
        Assert.Contains(fleet.Replicas[2].Manager.CollectObservations(999), r => r.WeightBasisPoints == firstWeight); // kept after one flush
        fleet.FlushAll(); // the second flush since the step ended: its row is written, then it is released
        var collected = fleet.Replicas[2].Manager.CollectObservations(1_000);
        Assert.DoesNotContain(collected, r => r.WeightBasisPoints == firstWeight);
        Assert.True(row.Baseline.Exposures + row.Canary.Exposures > 0);
    }

    [Fact]
    public async Task AStepsRowFlushedLate_MovesItsUsersToThatStep_WithoutFailingALook_OrFakingASampleRatioMismatch()
    {
        var fleet = new FleetHarness(2);
        await fleet.LoadAsync(RolloutPlan.Canary(TimeSpan.FromMinutes(1)));
        fleet.Lead(0);
        var (decider, late) = (fleet.Replicas[0], fleet.Replicas[1]);
        await fleet.RunMinuteAsync();
        Assert.Equal(100, decider.View.State.WeightBasisPoints);

        // Replica 1 serves most users under the first step (1%) and has not flushed when the step ends.
        late.ServeTraffic(20_000);
        decider.ServeTraffic(2_000);
        fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        fleet.Fleets[0].Flush(decider.Manager);
        Assert.Empty((await decider.Manager.TickAsync()).Failures);
        await fleet.SyncAllAsync();
        Assert.Equal(500, late.View.State.WeightBasisPoints);

        // The same users come back to replica 0 under the second step (5%): the decider first sees them there, and
        // those with buckets in [1%, 5%) on the canary.
        decider.ServeTraffic(20_000);
        fleet.Fleets[0].Flush(decider.Manager);
        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty((await decider.Manager.TickAsync()).Failures);
        var before = decider.View.CanaryUnits;

        // Replica 1's first-step row arrives: those users were first seen then, on the baseline; the canary's count of
        // first-seen units goes down, which the judge must take as a correction, not as a broken cumulative count.
        fleet.Fleets[1].Flush(late.Manager);
        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        var report = await decider.Manager.TickAsync();

        Assert.Empty(report.Failures);
        Assert.Null(decider.View.LastError);
        Assert.True(decider.View.CanaryUnits < before, $"the canary's units went from {before} to {decider.View.CanaryUnits}");
        var verdict = decider.Manager.GetRollout(RolloutHarness.RolloutId)!.LastVerdict!.Value;
        Assert.False(verdict.GetProperty("health").GetProperty("sampleRatioMismatch").GetBoolean(), verdict.GetRawText());
    }
}
