using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;
using ProgressiveDelivery.Tests.Rollouts.Fleet;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    [Fact]
    public async Task GetHistory_AfterLooks_HasOnePointPerLookWithArmsMetricsAndTheWeight()
    {
        var harness = new RolloutHarness();
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        for (var i = 0; i < 15; i++)
        {
            await harness.RunMinuteAsync();
        }

        var points = harness.Manager.GetHistory(RolloutHarness.RolloutId)!.Value.GetProperty("points").EnumerateArray().ToList();

        Assert.InRange(points.Count, 15, 17); // every look, plus the start and step transitions
        Assert.Equal("transition", points[0].GetProperty("action").GetString());
        Assert.Equal("started", points[0].GetProperty("reason").GetString());
        var look = points.Last(point => point.TryGetProperty("decision", out _));
        Assert.Equal(harness.View.State.WeightPercent, look.GetProperty("weightPercent").GetDouble());
        var canary = look.GetProperty("arms").GetProperty("canary");
        Assert.Equal(harness.View.CanaryExposures, canary.GetProperty("exposures").GetInt64());
        Assert.InRange(canary.GetProperty("errorRate").GetDouble(), 0.001, 0.05);
        Assert.InRange(canary.GetProperty("latencyP50Seconds").GetDouble(), 0.04, 0.06); // the harness's median is 50 ms (recorded as log seconds)
        Assert.True(canary.GetProperty("latencyP95Seconds").GetDouble() > canary.GetProperty("latencyP50Seconds").GetDouble());
        var metric = look.GetProperty("metrics")[0];
        Assert.True(metric.GetProperty("lower").GetDouble() <= metric.GetProperty("upper").GetDouble());
        Assert.True(metric.TryGetProperty("tolerance", out _));
        Assert.True(look.TryGetProperty("srmPValue", out _));
        Assert.Null(harness.Manager.GetHistory("nope"));
    }

    [Fact]
    public async Task GetHistory_NewManagerOverTheSameStore_ServesTheStoredHistory()
    {
        var first = await RunOnAStoreAsync(minutes: 12);
        var second = await LoadAgainAsync(first);

        var before = first.Manager.GetHistory(RolloutHarness.RolloutId)!.Value;
        Assert.True(JsonElement.DeepEquals(before, second.Manager.GetHistory(RolloutHarness.RolloutId)!.Value));
        await second.RunMinuteAsync();
        Assert.Equal(before.GetProperty("points").GetArrayLength() + 1, second.Manager.GetHistory(RolloutHarness.RolloutId)!.Value.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task GetHistory_AStoredStateWithoutHistory_LoadsWithAnEmptyOne()
    {
        var first = await RunOnAStoreAsync(minutes: 1);
        var store = first.Store;
        var stored = (await store.GetAsync(RolloutHarness.RolloutId))!;
        var withoutHistory = System.Text.Json.Nodes.JsonNode.Parse(stored.State.GetRawText())!.AsObject();
        withoutHistory.Remove("history");
        await store.SaveAsync(stored.WithState(JsonSerializer.SerializeToElement(withoutHistory), stored.AuditHead), stored.Version);

        var second = await LoadAgainAsync(first);

        Assert.Equal(0, second.Manager.GetHistory(RolloutHarness.RolloutId)!.Value.GetProperty("points").GetArrayLength());
        Assert.Equal(first.View.State, second.View.State);
    }

    [Fact]
    public async Task GetHistory_FleetFollowers_ServeTheDecidersHistory()
    {
        var fleet = new FleetHarness();
        await fleet.LoadAsync(RolloutPlan.Canary(TimeSpan.FromMinutes(10)));
        fleet.Lead(1);
        for (var minute = 0; minute < 5; minute++)
        {
            await fleet.RunMinuteAsync();
        }

        await fleet.SyncAllAsync();
        var decider = fleet.Replicas[1].Manager.GetHistory(RolloutHarness.RolloutId)!.Value;
        Assert.True(decider.GetProperty("points").GetArrayLength() >= 4);
        Assert.True(JsonElement.DeepEquals(decider, fleet.Replicas[0].Manager.GetHistory(RolloutHarness.RolloutId)!.Value));
        Assert.True(JsonElement.DeepEquals(decider, fleet.Replicas[2].Manager.GetHistory(RolloutHarness.RolloutId)!.Value));

        // A transition's point shows the state it moved to (the decider writes a decided copy before adopting it).
        var started = decider.GetProperty("points").EnumerateArray().First(p => p.TryGetProperty("reason", out var r) && r.GetString() == ProgressiveDelivery.Rollouts.RolloutReasons.Started);
        Assert.Equal("progressing", started.GetProperty("status").GetString());
        Assert.Equal(1, started.GetProperty("weightPercent").GetDouble());
        var last = decider.GetProperty("points").EnumerateArray().Last();
        Assert.Equal(fleet.Replicas[1].View.State.WeightPercent, last.GetProperty("weightPercent").GetDouble());
    }

    /// <summary>A rollout run for <paramref name="minutes"/> on an in-memory store and audit log.</summary>
    private static async Task<RolloutHarness> RunOnAStoreAsync(int minutes)
    {
        var clock = new FakeTimeProvider();
        var harness = new RolloutHarness(new InMemoryRolloutStore(clock), new InMemoryAuditLog(clock), clock);
        await harness.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        for (var i = 0; i < minutes; i++)
        {
            await harness.RunMinuteAsync();
        }

        return harness;
    }

    /// <summary>A new manager (a restarted process) over <paramref name="first"/>'s store and audit log.</summary>
    private static async Task<RolloutHarness> LoadAgainAsync(RolloutHarness first)
    {
        var second = new RolloutHarness(first.Store, first.AuditLog, first.Clock, seed: 2);
        await second.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        return second;
    }
}
