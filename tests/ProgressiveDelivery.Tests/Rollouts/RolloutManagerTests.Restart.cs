using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;
using ProgressiveDelivery.Tests.Fakes;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    [Fact]
    public async Task LoadAsync_NewManagerOverTheSameFiles_ResumesMidRolloutWithObservations()
    {
        using var directory = new TempDirectory();
        var clock = new FakeTimeProvider();
        var first = new RolloutHarness(new FileRolloutStore(directory.Path, clock), new FileAuditLog(directory.Path, clock), clock, seed: 1);
        await first.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        for (var i = 0; i < 25; i++)
        {
            await first.RunMinuteAsync();
        }

        var before = first.View;

        // A new process: new evaluator, new manager, same directory.
        var second = new RolloutHarness(new FileRolloutStore(directory.Path, clock), new FileAuditLog(directory.Path, clock), clock, seed: 2);
        await second.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        var resumed = second.View;
        Assert.Equal(before.State, resumed.State);
        Assert.Equal(10, resumed.State.WeightPercent);
        Assert.Equal(before.BaselineExposures, resumed.BaselineExposures);
        Assert.Equal(before.CanaryExposures, resumed.CanaryExposures);
        Assert.Equal(before.BaselineErrors, resumed.BaselineErrors);
        Assert.Equal(before.Version, resumed.Version);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(before.LastVerdict!.Value, resumed.LastVerdict!.Value));
        Assert.InRange(second.CanaryShareOfPopulation(), 0.09, 0.11);

        await second.RunUntilEndAsync(100);
        Assert.Equal(RolloutStatus.Promoted, second.View.State.Status);
        var entries = await second.AuditLog.ReadAsync(RolloutHarness.RolloutId);
        var stored = await second.Store.GetAsync(RolloutHarness.RolloutId);
        Assert.True(AuditChainVerifier.Verify(entries, stored!.AuditHead).IsValid);
        Assert.Equal(6, entries.Count);
    }

    [Fact]
    public async Task LoadAsync_NewManagerOverTheSameFiles_KeepsWhenTheRolloutEnded()
    {
        using var directory = new TempDirectory();
        var clock = new FakeTimeProvider();
        var first = new RolloutHarness(new FileRolloutStore(directory.Path, clock), new FileAuditLog(directory.Path, clock), clock, seed: 1);
        await first.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await first.RunUntilEndAsync(100);
        Assert.Equal(RolloutStatus.Promoted, first.View.State.Status);
        var ended = first.View.State.EndedAt;
        Assert.NotNull(ended);
        Assert.True(ended <= clock.GetUtcNow());

        clock.Advance(System.TimeSpan.FromDays(3));
        var second = new RolloutHarness(new FileRolloutStore(directory.Path, clock), new FileAuditLog(directory.Path, clock), clock, seed: 2);
        await second.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        Assert.Equal(ended, second.View.State.EndedAt);
    }

    [Fact]
    public async Task LoadAsync_InvalidDefinitions_ReturnsEveryErrorAndKeepsTheLastGoodOnes()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await harness.RunMinuteAsync();
        var bad = new RolloutSet();
        bad.Rollouts.Add(new RolloutDefinition { Id = RolloutHarness.RolloutId, FlagKey = "missing", StableVariant = "old", CanaryVariant = "old" });

        var errors = await harness.Manager.LoadAsync(bad);

        Assert.Equal(
            ["$.rollouts['checkout-v2'].flag", "$.rollouts['checkout-v2'].canaryVariant", "$.rollouts['checkout-v2'].plan.steps"],
            Paths(errors));
        Assert.Equal(RolloutStatus.Progressing, harness.View.State.Status);
        Assert.Equal(RolloutHarness.FlagKey, harness.View.FlagKey);
        Assert.Equal(100, harness.Evaluator.SplitOverrides[RolloutHarness.FlagKey].CanaryBasisPoints);
    }

    [Fact]
    public async Task LoadAsync_NewRollout_StoresPendingStateAndServesStable()
    {
        var harness = new RolloutHarness();

        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        var stored = await harness.Store.GetAsync(RolloutHarness.RolloutId);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(RolloutStatus.Pending, harness.View.State.Status);
        Assert.Equal(0.0, harness.CanaryShareOfPopulation());
        Assert.Equal(AuditHead.Genesis, stored.AuditHead);
    }

    [Fact]
    public async Task LoadAsync_DefinitionChangedAfterLoading_HasNoEffect()
    {
        var harness = new RolloutHarness();
        var definition = RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake));
        await harness.LoadAsync(definition);

        definition.Plan.Steps.Clear();
        definition.Judge.Metrics.Clear();
        definition.CanaryVariant = "old";
        await harness.RunMinuteAsync();
        await harness.Manager.AbortAsync(RolloutHarness.RolloutId, "x", "y");
        await harness.Manager.RetryAsync(RolloutHarness.RolloutId, "x", "y"); // a new judge from the loaded options

        Assert.Equal(1, harness.View.State.WeightPercent);
        Assert.Equal("new", harness.View.CanaryVariant);
    }

    private static string[] Paths(System.Collections.Generic.IReadOnlyList<ProgressiveDelivery.Flags.DefinitionError> errors)
    {
        var paths = new string[errors.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = errors[i].Path;
        }

        return paths;
    }
}
