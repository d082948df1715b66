using System;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    [Fact]
    public async Task PauseAsync_ThenResumeAsync_HoldsTheWeightWhilePausedAndAudits()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();

        var paused = await harness.Manager.PauseAsync(RolloutHarness.RolloutId, "alice", "checking dashboards");
        for (var i = 0; i < 30; i++)
        {
            await harness.RunMinuteAsync();
        }

        Assert.Equal(RolloutStatus.Paused, paused.State.Status);
        Assert.Equal(RolloutStatus.Paused, harness.View.State.Status);
        Assert.Equal(1, harness.View.State.WeightPercent);
        var resumed = await harness.Manager.ResumeAsync(RolloutHarness.RolloutId, "alice", "looks fine");
        Assert.Equal(RolloutStatus.Progressing, resumed.State.Status);
        var entries = await harness.AuditLog.ReadAsync(RolloutHarness.RolloutId);
        Assert.Equal([AuditActions.Transition, AuditActions.Pause, AuditActions.Resume], Actions(entries));
        Assert.Equal("alice", entries[1].Actor);
        Assert.Equal("checking dashboards", entries[1].Reason);
    }

    [Fact]
    public async Task PromoteAsync_NextStepAndFull_MovesTheWeightNow()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();

        var next = await harness.Manager.PromoteAsync(RolloutHarness.RolloutId, "bob", "hotfix");
        var full = await harness.Manager.PromoteAsync(RolloutHarness.RolloutId, "bob", "hotfix", full: true);

        Assert.Equal(5, next.State.WeightPercent);
        Assert.Equal(RolloutStatus.Promoted, full.State.Status);
        Assert.Equal(1.0, harness.CanaryShareOfPopulation());
    }

    [Fact]
    public async Task AbortAsync_Promoted_RollsBackEveryoneAtOnce()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.BlueGreen(5)));
        await harness.RunMinuteAsync();
        await harness.Manager.SkipAnalysisAsync(RolloutHarness.RolloutId, "carol", "preview checked by hand");
        Assert.Equal(RolloutStatus.Promoted, harness.View.State.Status);

        var aborted = await harness.Manager.AbortAsync(RolloutHarness.RolloutId, "carol", "customer report");

        Assert.Equal(RolloutStatus.Aborted, aborted.State.Status);
        Assert.Equal(0.0, harness.CanaryShareOfPopulation());
    }

    [Fact]
    public async Task RetryAsync_AfterRollback_StartsANewAttemptWithFreshObservations()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();
        await harness.RunMinuteAsync();
        await harness.Manager.AbortAsync(RolloutHarness.RolloutId, "dave", "wrong build");
        Assert.True(harness.View.BaselineExposures > 0);

        var retried = await harness.Manager.RetryAsync(RolloutHarness.RolloutId, "dave", "fixed build");

        Assert.Equal(RolloutStatus.Progressing, retried.State.Status);
        Assert.Equal(2, retried.State.Attempt);
        Assert.Equal(1, retried.State.WeightPercent);
        Assert.Equal(0, retried.BaselineExposures + retried.CanaryExposures);
        Assert.Null(retried.LastVerdict);
    }

    [Fact]
    public async Task Commands_IllegalInTheState_ThrowNamingStateAndCommandAndChangeNothing()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();
        var before = harness.View;
        var auditBefore = (await harness.AuditLog.ReadAsync(RolloutHarness.RolloutId)).Count;

        var resume = await Assert.ThrowsAsync<RolloutCommandException>(() => harness.Manager.ResumeAsync(RolloutHarness.RolloutId, "eve", "oops"));
        var retry = await Assert.ThrowsAsync<RolloutCommandException>(() => harness.Manager.RetryAsync(RolloutHarness.RolloutId, "eve", "oops"));
        var skip = await Assert.ThrowsAsync<RolloutCommandException>(() => harness.Manager.SkipAnalysisAsync(RolloutHarness.RolloutId, "eve", "oops"));

        Assert.Equal(RolloutCommand.Resume, resume.Command);
        Assert.Equal(RolloutStatus.Progressing, resume.State.Status);
        Assert.Contains("cannot resume while progressing step 1 at 1%", resume.Message, StringComparison.Ordinal);
        Assert.Contains("retry", retry.Message, StringComparison.Ordinal);
        Assert.Contains("skip analysis", skip.Message, StringComparison.Ordinal);
        var after = harness.View;
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(auditBefore, (await harness.AuditLog.ReadAsync(RolloutHarness.RolloutId)).Count);
    }

    [Fact]
    public async Task Commands_UnknownRollout_ThrowKeyNotFound()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        await Assert.ThrowsAsync<System.Collections.Generic.KeyNotFoundException>(() => harness.Manager.PauseAsync("nope", "eve", "x"));
    }

    [Fact]
    public async Task Tick_PauseStep_WaitsForAHumanThenContinues()
    {
        var harness = new RolloutHarness();
        var plan = new RolloutPlan([RolloutStep.SetWeight(10), RolloutStep.Pause(), RolloutStep.SetWeight(50), RolloutStep.Bake(Bake), RolloutStep.SetWeight(100)]);
        await harness.LoadAsync(RolloutHarness.CreateDefinition(plan));
        for (var i = 0; i < 20; i++)
        {
            await harness.RunMinuteAsync();
        }

        Assert.Equal(RolloutStatus.Paused, harness.View.State.Status);
        Assert.Equal(RolloutReasons.PauseStep, harness.View.State.PauseReason);
        var resumed = await harness.Manager.ResumeAsync(RolloutHarness.RolloutId, "frank", "go");
        Assert.Equal(50, resumed.State.WeightPercent);
        await harness.RunUntilEndAsync(30);
        Assert.Equal(RolloutStatus.Promoted, harness.View.State.Status);
    }

    private static string[] Actions(System.Collections.Generic.IReadOnlyList<AuditEntry> entries)
    {
        var actions = new string[entries.Count];
        for (var i = 0; i < actions.Length; i++)
        {
            actions[i] = entries[i].Action;
        }

        return actions;
    }
}
