using System;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts;

public class RolloutControllerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(10);

    [Fact]
    public void Tick_Pending_StartsAndRunsSetWeightStepsAtOnce()
    {
        var controller = new RolloutController("r", RolloutPlan.Canary(Bake), adaptive: false);

        var transition = controller.Tick(Start, null);

        Assert.NotNull(transition);
        Assert.Equal(RolloutReasons.Started, transition.Reason);
        Assert.Equal(RolloutStatus.Progressing, controller.State.Status);
        Assert.Equal(1, controller.State.StepIndex);
        Assert.Equal(100, controller.State.WeightBasisPoints);
        Assert.Equal(RolloutStepKind.Bake, controller.CurrentStep!.Kind);
    }

    [Fact]
    public void Tick_FixedBake_IgnoresPromoteUntilTheBakeIsOver()
    {
        var controller = Started(adaptive: false);

        Assert.Null(controller.Tick(At(5), Verdict(JudgeDecision.Promote, At(5))));
        Assert.NotNull(controller.Tick(At(10), Verdict(JudgeDecision.Continue, At(10))));
        Assert.Equal(500, controller.State.WeightBasisPoints);
    }

    [Fact]
    public void Tick_AdaptiveBake_AdvancesOnPromoteAfterTheMinimumBake()
    {
        var controller = Started(adaptive: true);

        var transition = controller.Tick(At(1), Verdict(JudgeDecision.Promote, At(1)));

        Assert.NotNull(transition);
        Assert.Equal(500, controller.State.WeightBasisPoints);
        Assert.Equal(At(1), controller.State.StepStartedAt);
        Assert.Null(controller.Tick(At(1), Verdict(JudgeDecision.Promote, At(1)))); // a verdict on data from before this step
    }

    [Fact]
    public void Tick_AdaptiveBakeBeforeMinimumBake_Waits()
    {
        var plan = RolloutPlan.Canary(Bake);
        plan.AdaptiveMinimumBake = TimeSpan.FromMinutes(3);
        var controller = new RolloutController("r", plan, adaptive: true);
        controller.Tick(Start, null);

        Assert.Null(controller.Tick(At(2), Verdict(JudgeDecision.Promote, At(2))));
        Assert.NotNull(controller.Tick(At(3), Verdict(JudgeDecision.Promote, At(3))));
    }

    [Fact]
    public void Tick_RollbackVerdict_RollsBackToZero()
    {
        var controller = Started(adaptive: false);

        controller.Tick(At(2), Verdict(JudgeDecision.Rollback, At(2), JudgeReasons.MetricFailed));

        Assert.Equal(RolloutStatus.RolledBack, controller.State.Status);
        Assert.Equal(0, controller.State.WeightBasisPoints);
        Assert.Equal("judge:metric_failed", controller.State.PauseReason);
        Assert.Null(controller.Tick(At(3), Verdict(JudgeDecision.Promote, At(3))));
    }

    [Theory]
    [InlineData(JudgeReasons.NoData, RolloutPolicy.Rollback, RolloutStatus.RolledBack)]
    [InlineData(JudgeReasons.NoData, RolloutPolicy.Pause, RolloutStatus.Paused)]
    [InlineData(JudgeReasons.SampleRatioMismatch, RolloutPolicy.Rollback, RolloutStatus.Paused)]
    public void Tick_PauseVerdict_FollowsThePolicyForItsReason(string reason, RolloutPolicy onNoData, RolloutStatus expected)
    {
        var plan = RolloutPlan.Canary(Bake);
        plan.OnNoData = onNoData;
        var controller = new RolloutController("r", plan, adaptive: false);
        controller.Tick(Start, null);

        controller.Tick(At(2), Verdict(JudgeDecision.Pause, At(2), reason));

        Assert.Equal(expected, controller.State.Status);
    }

    [Fact]
    public void Tick_BackgroundAnalysisOff_IgnoresRollbackOutsideAnalysisSteps()
    {
        var plan = RolloutPlan.Canary(Bake);
        plan.BackgroundAnalysis = false;
        var controller = new RolloutController("r", plan, adaptive: false);
        controller.Tick(Start, null);

        controller.Tick(At(2), Verdict(JudgeDecision.Rollback, At(2), JudgeReasons.MetricFailed));

        Assert.Equal(RolloutStatus.Progressing, controller.State.Status);
    }

    [Fact]
    public void Tick_AnalysisGate_PassesOnPromoteOrAppliesTheInconclusivePolicyAtItsTimeout()
    {
        var plan = new RolloutPlan([RolloutStep.SetWeight(5), RolloutStep.Analysis(TimeSpan.FromMinutes(30)), RolloutStep.SetWeight(100)]) { OnInconclusive = RolloutPolicy.Rollback };
        var passing = new RolloutController("r", plan, adaptive: false);
        var timing = new RolloutController("r", plan, adaptive: false);
        passing.Tick(Start, null);
        timing.Tick(Start, null);

        passing.Tick(At(7), Verdict(JudgeDecision.Promote, At(7)));
        timing.Tick(At(30), Verdict(JudgeDecision.Continue, At(30)));

        Assert.Equal(RolloutStatus.Promoted, passing.State.Status);
        Assert.Equal(RolloutStatus.RolledBack, timing.State.Status);
        Assert.Equal(RolloutReasons.AnalysisTimeout, timing.State.PauseReason);
    }

    [Fact]
    public void Tick_MaximumDuration_AppliesTheInconclusivePolicy()
    {
        var plan = RolloutPlan.Canary(TimeSpan.FromHours(1));
        plan.MaximumDuration = TimeSpan.FromMinutes(90);
        var controller = new RolloutController("r", plan, adaptive: false);
        controller.Tick(Start, null);

        controller.Tick(At(90), Verdict(JudgeDecision.Continue, At(90)));

        Assert.Equal(RolloutStatus.Paused, controller.State.Status);
        Assert.Equal(RolloutReasons.MaximumDuration, controller.State.PauseReason);
    }

    [Fact]
    public void Execute_ResumeAfterMaximumDuration_KeepsProgressing()
    {
        var plan = RolloutPlan.Canary(TimeSpan.FromHours(1));
        plan.MaximumDuration = TimeSpan.FromMinutes(90);
        var controller = new RolloutController("r", plan, adaptive: false);
        controller.Tick(Start, null);
        controller.Tick(At(90), Verdict(JudgeDecision.Continue, At(90)));

        controller.Execute(RolloutCommand.Resume, At(91), "give it more time");
        controller.Tick(At(92), Verdict(JudgeDecision.Continue, At(92)));

        Assert.Equal(RolloutStatus.Progressing, controller.State.Status);
    }

    [Fact]
    public void Execute_ResumeFromJudgePause_DoesNotPauseAgainForTheSameReason()
    {
        var controller = Started(adaptive: false);
        controller.Tick(At(2), Verdict(JudgeDecision.Pause, At(2), JudgeReasons.SampleRatioMismatch));

        controller.Execute(RolloutCommand.Resume, At(3), "checked the load balancer");
        controller.Tick(At(4), Verdict(JudgeDecision.Pause, At(4), JudgeReasons.SampleRatioMismatch));

        Assert.Equal(RolloutStatus.Progressing, controller.State.Status);
        Assert.Equal("judge:srm", controller.State.AcknowledgedPause);
    }

    [Theory]
    [InlineData(RolloutStatus.Pending, RolloutCommand.Promote)]
    [InlineData(RolloutStatus.Pending, RolloutCommand.Resume)]
    [InlineData(RolloutStatus.Pending, RolloutCommand.Retry)]
    [InlineData(RolloutStatus.Progressing, RolloutCommand.Resume)]
    [InlineData(RolloutStatus.Progressing, RolloutCommand.Retry)]
    [InlineData(RolloutStatus.Progressing, RolloutCommand.SkipAnalysis)]
    [InlineData(RolloutStatus.Promoted, RolloutCommand.Pause)]
    [InlineData(RolloutStatus.Promoted, RolloutCommand.Retry)]
    [InlineData(RolloutStatus.RolledBack, RolloutCommand.Abort)]
    [InlineData(RolloutStatus.RolledBack, RolloutCommand.Promote)]
    [InlineData(RolloutStatus.Aborted, RolloutCommand.Resume)]
    public void Execute_IllegalCommand_ThrowsAndChangesNothing(RolloutStatus status, RolloutCommand command)
    {
        var state = new RolloutState { Status = status, StepIndex = 1, WeightBasisPoints = status == RolloutStatus.Promoted ? 10_000 : 100 };
        var controller = new RolloutController("r", RolloutPlan.Canary(Bake), adaptive: false, state);

        var exception = Assert.Throws<RolloutCommandException>(() => controller.Execute(command, At(1), "x"));

        Assert.Equal(command, exception.Command);
        Assert.Equal(status, exception.State.Status);
        Assert.Equal(state, controller.State);
        Assert.Contains("'r' cannot", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_Retry_StartsTheNextAttemptFromTheFirstStep()
    {
        var controller = Started(adaptive: false);
        controller.Execute(RolloutCommand.Abort, At(2), "x");

        var transition = controller.Execute(RolloutCommand.Retry, At(3), "y");

        Assert.True(transition.StartsNewAttempt);
        Assert.Equal(2, controller.State.Attempt);
        Assert.Equal(1, controller.State.StepIndex);
        Assert.Equal(100, controller.State.WeightBasisPoints);
        Assert.Equal(At(3), controller.State.AttemptStartedAt);
    }

    [Fact]
    public void EndedAt_IsStampedWhenTheRolloutEnds_AndClearedByARetry()
    {
        var controller = Started(adaptive: false);
        Assert.Null(controller.State.EndedAt);

        controller.Tick(At(2), Verdict(JudgeDecision.Rollback, At(2), JudgeReasons.MetricFailed));
        Assert.Equal(At(2), controller.State.EndedAt);

        controller.Execute(RolloutCommand.Retry, At(5), "fixed");
        Assert.Null(controller.State.EndedAt);

        controller.Execute(RolloutCommand.Promote, At(6), "ship it", full: true);
        Assert.Equal(RolloutStatus.Promoted, controller.State.Status);
        Assert.Equal(At(6), controller.State.EndedAt);

        // Aborting a promoted rollout ends it anew: everyone goes back to the stable variant now.
        controller.Execute(RolloutCommand.Abort, At(9), "regret");
        Assert.Equal(At(9), controller.State.EndedAt);
    }

    [Fact]
    public void EndedAt_StepsCompleted_IsTheTimeOfPromotion()
    {
        var controller = Started(adaptive: false);
        for (var minute = 10; controller.State.Status == RolloutStatus.Progressing; minute += 10)
        {
            controller.Tick(At(minute), Verdict(JudgeDecision.Continue, At(minute)));
            if (controller.State.Status == RolloutStatus.Promoted)
            {
                Assert.Equal(At(minute), controller.State.EndedAt);
            }
            else
            {
                Assert.Null(controller.State.EndedAt);
            }
        }

        Assert.Equal(RolloutStatus.Promoted, controller.State.Status);
    }

    private static RolloutController Started(bool adaptive)
    {
        var controller = new RolloutController("r", RolloutPlan.Canary(Bake), adaptive);
        controller.Tick(Start, null);
        return controller;
    }

    private static DateTimeOffset At(int minutes) => Start + TimeSpan.FromMinutes(minutes);

    private static JudgeVerdict Verdict(JudgeDecision decision, DateTimeOffset now, string reason = JudgeReasons.Collecting) => new()
    {
        Decision = decision,
        Reason = decision == JudgeDecision.Promote ? JudgeReasons.AllMetricsPass : reason,
        Message = reason,
        Metrics = [],
        Health = new HealthEvidence(),
        Timestamp = now,
    };
}
