using System;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    [Fact]
    public async Task Record_SplitEvaluations_AllocatesNothing()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();
        var canary = new FlagEvaluation(RolloutHarness.FlagKey, default, "new", EvaluationReason.Split);
        var stable = new FlagEvaluation(RolloutHarness.FlagKey, default, "old", EvaluationReason.Split);
        var other = new FlagEvaluation("other-flag", default, "on", EvaluationReason.Split);
        var outcome = new RequestOutcome(true, 0.05);
        IOutcomeRecorder recorder = harness.Manager;
        // A long warm-up: the thread's allocation counter also sees the runtime's one-off work while these loops tier up
        // (on-stack replacement), which a short warm-up leaves inside the measured loop.
        for (var i = 0; i < 200_000; i++)
        {
            recorder.Record(in canary, new UnitKey((uint)i), in outcome);
            recorder.Record(in stable, new UnitKey((uint)i), in outcome);
            recorder.Record(in other, new UnitKey((uint)i), in outcome);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            recorder.Record(in canary, new UnitKey((uint)i), in outcome);
            recorder.Record(in stable, new UnitKey((uint)i), in outcome);
            recorder.Record(in other, new UnitKey((uint)i), in outcome);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(210_000, harness.View.CanaryErrors);
        Assert.Equal(210_000, harness.View.BaselineExposures);
    }

    [Fact]
    public async Task Record_PendingOrEnded_IsIgnored()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        var canary = new FlagEvaluation(RolloutHarness.FlagKey, default, "new", EvaluationReason.Split);

        harness.Manager.Record(in canary, UnitKey.FromId("u1"), new RequestOutcome(false, 0.01));
        await harness.RunMinuteAsync();
        await harness.Manager.AbortAsync(RolloutHarness.RolloutId, "x", "y");
        harness.Manager.Record(in canary, UnitKey.FromId("u1"), new RequestOutcome(false, 0.01));

        Assert.Equal(0, harness.View.CanaryExposures);
    }
}
