using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    [Fact]
    public async Task LoadAsync_StateWrittenBeforePerUnitObservations_StartsAFreshAttemptAuditedWithANotice()
    {
        var clock = new FakeTimeProvider();
        var first = new RolloutHarness(clock: clock, seed: 1);
        await first.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        for (var i = 0; i < 25; i++)
        {
            await first.RunMinuteAsync();
        }

        Assert.Equal(10, first.View.State.WeightPercent);

        // What the previous version stored: format v1, observations without cells or a unit set.
        var document = (await first.Store.GetAsync(RolloutHarness.RolloutId))!;
        var state = JsonNode.Parse(document.State.GetRawText())!.AsObject();
        state["format"] = "progressive-delivery.rollout-state.v1";
        state.Remove("units");
        state["baseline"] = JsonNode.Parse("{\"exposures\":12,\"counts\":{\"errors\":1},\"values\":{}}");
        state["canary"] = JsonNode.Parse("{\"exposures\":3,\"counts\":{},\"values\":{}}");
        using var old = JsonDocument.Parse(state.ToJsonString());
        await first.Store.SaveAsync(new RolloutDocument(RolloutHarness.RolloutId, old.RootElement.Clone(), document.AuditHead), document.Version);

        var second = new RolloutHarness(first.Store, first.AuditLog, clock, seed: 2);
        await second.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        var view = second.View;
        Assert.Equal(RolloutStatus.Progressing, view.State.Status);
        Assert.Equal(first.View.State.Attempt + 1, view.State.Attempt);
        Assert.Equal(1, view.State.WeightPercent);
        Assert.Equal(0, view.CanaryExposures);
        Assert.Contains("predates per-unit observations", view.Notice, System.StringComparison.Ordinal);
        var entries = await second.AuditLog.ReadAsync(RolloutHarness.RolloutId);
        Assert.Equal(RolloutReasons.StateUpgraded, entries[^1].Reason);
        var stored = await second.Store.GetAsync(RolloutHarness.RolloutId);
        Assert.True(AuditChainVerifier.Verify(entries, stored!.AuditHead).IsValid);
        Assert.Equal("progressive-delivery.rollout-state.v2", stored.State.GetProperty("format").GetString());

        // And it is judged per unit from there on.
        await second.RunUntilEndAsync(100);
        Assert.Equal(RolloutStatus.Promoted, second.View.State.Status);
    }
}
