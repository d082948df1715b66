using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    [Fact]
    public async Task PauseAsync_AnotherWriterWonTheVersion_IsDecidedAgainOnTheStoredStateAndSucceeds()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();
        var stored = await harness.Store.GetAsync(RolloutHarness.RolloutId);
        await harness.Store.SaveAsync(stored!, stored!.Version);

        var paused = await harness.Manager.PauseAsync(RolloutHarness.RolloutId, "alice", "hold");

        Assert.Equal(RolloutStatus.Paused, paused.State.Status);
        Assert.Equal(stored.Version + 2, paused.Version);
    }

    [Fact]
    public async Task TickAsync_OneRolloutFails_TheOthersAreTickedAndTheFailureIsReported()
    {
        var clock = new FakeTimeProvider();
        var flags = new FlagSetBuilder()
            .Flag("checkout", flag => flag.Variants(("old", "v1"), ("new", "v2")).DefaultVariant("old"))
            .Flag("search", flag => flag.BooleanVariants().DefaultVariant("off"))
            .Build();
        var store = new InMemoryRolloutStore(clock);
        var manager = new RolloutManager(new FlagEvaluator(FlagSnapshot.Compile(flags)), store, new InMemoryAuditLog(clock), new RolloutManagerOptions { TimeProvider = clock });
        var set = new RolloutSetBuilder()
            .Rollout("a-checkout", rollout => rollout.Flag("checkout", "old", "new").Plan(RolloutPlan.Canary(Bake)))
            .Rollout("b-search", rollout => rollout.Flag("search", "off", "on").Plan(RolloutPlan.Canary(Bake)))
            .Build();
        Assert.Empty(await manager.LoadAsync(set));
        var stored = await store.GetAsync("a-checkout");
        await store.SaveAsync(stored!, stored!.Version); // another writer: a-checkout's tick will lose its write

        var report = await manager.TickAsync();

        Assert.Equal("a-checkout", Assert.Single(report.Failures).RolloutId);
        Assert.True(report.Transitions.ContainsKey("b-search"));
        Assert.Equal(RolloutStatus.Progressing, manager.GetRollout("b-search")!.State.Status);
        Assert.NotNull(manager.GetRollout("a-checkout")!.LastError);
    }

    [Fact]
    public async Task Record_ManyThreads_CountsEveryOutcome()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();
        var canary = new FlagEvaluation(RolloutHarness.FlagKey, default, "new", EvaluationReason.Split);
        var failed = new RequestOutcome(true, 0.02);

        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                harness.Manager.Record(in canary, new UnitKey((uint)((thread * 10_000) + i) << 14), in failed);
            }
        });

        Assert.Equal(80_000, harness.View.CanaryExposures);
        Assert.Equal(80_000, harness.View.CanaryErrors);

        // 80,000 keys whose top 18 bits (their unit-set slot) differ: every unit counted exactly once, however the
        // threads interleave.
        Assert.Equal(80_000, harness.View.CanaryUnits);
    }
}
