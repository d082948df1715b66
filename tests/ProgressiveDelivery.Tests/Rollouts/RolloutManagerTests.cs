using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Tick_HealthyCanaryFixedMode_ReachesOneHundredPercentAfterEveryBake()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        var minutes = await harness.RunUntilEndAsync(200);

        Assert.Equal(RolloutStatus.Promoted, harness.View.State.Status);
        Assert.Equal(100, harness.View.State.WeightPercent);
        Assert.Equal(51, minutes); // five 10-minute bakes, the first tick starts the rollout
        Assert.Equal(1.0, harness.CanaryShareOfPopulation());
    }

    [Fact]
    public async Task Tick_HealthyCanaryAdaptiveMode_ReachesOneHundredPercentBeforeTheFixedBakes()
    {
        var harness = new RolloutHarness { RequestsPerMinute = 5000 };
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(TimeSpan.FromMinutes(60)), adaptive: true));

        var minutes = await harness.RunUntilEndAsync(400);

        Assert.Equal(RolloutStatus.Promoted, harness.View.State.Status);
        Assert.True(minutes < 5 * 60, $"adaptive took {minutes} minutes; the fixed bakes take 300");
    }

    [Fact]
    public async Task Tick_CanaryWithDoubleErrors_RollsBackWithinTargetAndEveryoneIsOnStable()
    {
        var harness = new RolloutHarness { StableErrorRate = 0.005, CanaryErrorRate = 0.01, RequestsPerMinute = 1000 };
        var plan = new RolloutPlan([RolloutStep.SetWeight(10), RolloutStep.Bake(TimeSpan.FromHours(4)), RolloutStep.SetWeight(100)]);
        await harness.LoadAsync(RolloutHarness.CreateDefinition(plan));

        var minutes = await harness.RunUntilEndAsync(240);

        var view = harness.View;
        Assert.Equal(RolloutStatus.RolledBack, view.State.Status);
        Assert.Equal("judge:" + JudgeReasons.MetricFailed, view.State.PauseReason);
        Assert.True(minutes <= 240, $"rolled back after {minutes} minutes");
        Assert.Equal(0, view.State.WeightBasisPoints);
        Assert.Equal(0.0, harness.CanaryShareOfPopulation());
        Assert.Equal(JudgeDecision.Rollback, view.LastDecision);
    }

    [Fact]
    public async Task Tick_CanaryWithSlowerLatency_RollsBackDuringTheCanaryPreset()
    {
        var harness = new RolloutHarness { CanaryLatencyLogShift = Math.Log(1.5) };
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        await harness.RunUntilEndAsync(200);

        Assert.Equal(RolloutStatus.RolledBack, harness.View.State.Status);
        Assert.Equal(0.0, harness.CanaryShareOfPopulation());
    }

    [Fact]
    public async Task Tick_WeightSteps_UnitsOnTheCanaryStayOnItAsTheWeightGrows()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        while (harness.View.State.WeightPercent < 5)
        {
            await harness.RunMinuteAsync();
        }

        var onCanaryAtFive = new List<int>();
        for (var unit = 1; unit < RolloutHarness.Population; unit++)
        {
            if (unit % 50 != 0 && harness.IsOnCanary(unit))
            {
                onCanaryAtFive.Add(unit);
            }
        }

        while (harness.View.State.WeightPercent < 25)
        {
            await harness.RunMinuteAsync();
        }

        Assert.InRange(onCanaryAtFive.Count, RolloutHarness.Population * 0.04, RolloutHarness.Population * 0.06);
        Assert.All(onCanaryAtFive, unit => Assert.True(harness.IsOnCanary(unit), $"user-{unit} left the canary"));
        Assert.InRange(harness.CanaryShareOfPopulation(), 0.23, 0.27);
    }

    [Fact]
    public async Task Record_RuleTargetedUnits_AreNotObserved()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync(); // starts at 1%

        harness.ServeTraffic(10_000);

        var view = harness.View;
        // 2% of the units are targeted by the rule (served "new"); at 1% the canary arm sees about 1% of the others only.
        var canaryShare = (double)view.CanaryExposures / (view.CanaryExposures + view.BaselineExposures);
        Assert.InRange(canaryShare, 0.005, 0.016);
        Assert.InRange(view.CanaryExposures + view.BaselineExposures, 9_700, 9_900);
    }

    [Fact]
    public async Task Tick_WholeRollout_AuditChainVerifiesAndRecordsEveryTransition()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        await harness.RunUntilEndAsync(200);

        var entries = await harness.AuditLog.ReadAsync(RolloutHarness.RolloutId);
        var stored = await harness.Store.GetAsync(RolloutHarness.RolloutId);
        var result = AuditChainVerifier.Verify(entries, stored!.AuditHead);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(6, entries.Count); // started at 1%, five bakes (the last one promotes)
        Assert.All(entries, entry => Assert.Equal(AuditActions.Transition, entry.Action));
        Assert.Equal("promoted at 100%", entries[^1].After);
        Assert.NotNull(entries[^1].Evidence);
    }

    [Fact]
    public async Task Tick_FlagDefinitionsReloaded_KeepsTheRolloutWeight()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        while (harness.View.State.WeightPercent < 25)
        {
            await harness.RunMinuteAsync();
        }

        Assert.True(harness.Evaluator.TryUpdate(RolloutHarness.CreateFlags(extraRule: true), out var errors), string.Join("; ", errors));

        Assert.InRange(harness.CanaryShareOfPopulation(), 0.23, 0.27);
        var staff = new ProgressiveDelivery.Evaluation.EvaluationContextBuilder("user-1").Set("tier", "staff").Build();
        Assert.Equal(1, harness.Evaluator.Evaluate(RolloutHarness.FlagKey, staff).RuleIndex); // the new definitions apply too
        Assert.Equal(2500, harness.Evaluator.SplitOverrides[RolloutHarness.FlagKey].CanaryBasisPoints);
    }

    [Fact]
    public async Task TickAsync_AnotherWriterWon_ReportsTheFailureAndAdoptsTheStoredState()
    {
        var harness = new RolloutHarness();
        var set = new RolloutSet();
        set.Rollouts.Add(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.Manager.LoadAsync(set);
        await harness.Manager.TickAsync(); // started: version 2
        var stored = await harness.Store.GetAsync(RolloutHarness.RolloutId);
        await harness.Store.SaveAsync(stored!, stored!.Version); // another writer: version 3

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var report = await harness.Manager.TickAsync();

        var failure = Assert.Single(report.Failures);
        Assert.Equal(RolloutHarness.RolloutId, failure.RolloutId);
        Assert.IsType<ProgressiveDelivery.Rollouts.Persistence.RolloutConcurrencyException>(failure.Exception);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty((await harness.Manager.TickAsync()).Failures); // adopted the stored state, carries on
    }
}
