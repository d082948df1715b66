using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Tests;

/// <summary>Stale flags: past <c>expires</c>, or one variant to everyone for <c>SingleVariantStaleAfter</c> (7 days by default).</summary>
public sealed class StaleFlagsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // checkout: owned by a rollout. old-banner: one variant and expired. dark-mode: one variant by its definition.
    // search-v2: a 50/50 split. beta-rule: one default but a rule serves another. killed: disabled (off variant).
    private const string Definitions = """
        {
          "ProgressiveDelivery": {
            "UnitHeaderName": "X-Unit",
            "AdminPolicy": "admin",
            "flags": {
              "checkout": { "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old" },
              "old-banner": { "variants": { "on": true, "off": false }, "defaultVariant": "on", "expires": "2026-01-01" },
              "dark-mode": { "variants": { "on": true, "off": false }, "defaultVariant": "on" },
              "search-v2": { "variants": { "on": true, "off": false }, "defaultSplit": { "on": 50, "off": 50 } },
              "beta-rule": {
                "variants": { "on": true, "off": false }, "defaultVariant": "off",
                "rules": [ { "conditions": [ { "attribute": "plan", "operator": "equals", "value": "beta" } ], "variant": "on" } ]
              },
              "killed": { "enabled": false, "variants": { "on": true, "off": false }, "defaultVariant": "on" }
            },
            "rollouts": {
              "checkout-v2": {
                "flag": "checkout", "stableVariant": "old", "canaryVariant": "new",
                "plan": { "backgroundAnalysis": false, "steps": [ { "setWeight": 10 }, { "pause": true } ] }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Flags_AtStart_OnlyTheExpiredFlagIsStale_AndSingleVariantFlagsCountFromStart()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await RolloutTestApp.StartAsync(clock, definitions: Definitions);

        var flags = await StalenessAsync(app);

        var banner = flags.GetProperty("old-banner");
        Assert.True(banner.GetProperty("stale").GetBoolean());
        Assert.Equal(["expired"], Reasons(banner));
        Assert.Equal("on", banner.GetProperty("variant").GetString());

        var darkMode = flags.GetProperty("dark-mode");
        Assert.False(darkMode.GetProperty("stale").GetBoolean());
        Assert.True(darkMode.GetProperty("singleVariant").GetBoolean());
        Assert.Equal("on", darkMode.GetProperty("variant").GetString());
        Assert.Equal(Start, darkMode.GetProperty("since").GetDateTimeOffset());
        Assert.Equal("recorded", darkMode.GetProperty("sinceSource").GetString());

        Assert.Equal("off", flags.GetProperty("killed").GetProperty("variant").GetString());
        Assert.False(flags.GetProperty("search-v2").GetProperty("singleVariant").GetBoolean());
        Assert.False(flags.GetProperty("beta-rule").GetProperty("singleVariant").GetBoolean());

        // The rollout has not started: everyone is on "old" for now, but the flag is in flight, not finished.
        var checkout = flags.GetProperty("checkout");
        Assert.True(checkout.GetProperty("singleVariant").GetBoolean());
        Assert.False(checkout.TryGetProperty("since", out _));
        Assert.Equal("checkout-v2", checkout.GetProperty("rollout").GetString());
        Assert.False(checkout.GetProperty("stale").GetBoolean());

        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Flag old-banner is stale: it expired on 2026-01-01", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("Flag dark-mode is stale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flags_SevenDaysOnOneVariant_IsStale_SixDaysIsNot()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await RolloutTestApp.StartAsync(clock, definitions: Definitions);

        clock.Advance(TimeSpan.FromDays(6.9));
        Assert.False((await StalenessAsync(app)).GetProperty("dark-mode").GetProperty("stale").GetBoolean());

        clock.Advance(TimeSpan.FromDays(0.1));
        var flags = await StalenessAsync(app);
        var darkMode = flags.GetProperty("dark-mode");
        Assert.True(darkMode.GetProperty("stale").GetBoolean());
        Assert.Equal(["single_variant"], Reasons(darkMode));
        Assert.Equal(7, darkMode.GetProperty("days").GetDouble(), 3);
        Assert.Equal(["expired", "single_variant"], Reasons(flags.GetProperty("old-banner")));
        Assert.True(flags.GetProperty("killed").GetProperty("stale").GetBoolean());
        Assert.False(flags.GetProperty("search-v2").GetProperty("stale").GetBoolean());
        Assert.False(flags.GetProperty("beta-rule").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Flags_ConfiguredDays_AreHonoured()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await RolloutTestApp.StartAsync(clock, definitions: Definitions.Replace("\"UnitHeaderName\"", "\"SingleVariantStaleAfter\": \"2.00:00:00\", \"UnitHeaderName\"", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromDays(2));
        var staleness = await GetFlagsAsync(app);

        Assert.Equal(2, staleness.GetProperty("staleness").GetProperty("singleVariantStaleAfterDays").GetDouble());
        Assert.True(staleness.GetProperty("staleness").GetProperty("flags").GetProperty("dark-mode").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Options_SingleVariantStaleAfterOutOfRange_FailsStartNamingTheOption()
    {
        var clock = new FakeTimeProvider(Start);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RolloutTestApp.StartAsync(
            clock, definitions: Definitions.Replace("\"UnitHeaderName\"", "\"SingleVariantStaleAfter\": \"00:00:01\", \"UnitHeaderName\"", StringComparison.Ordinal)));

        Assert.Contains("ProgressiveDeliveryOptions.SingleVariantStaleAfter must be between 00:01:00 and 3650.00:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flags_ARolloutAborted_CountsFromItsEnd()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await RolloutTestApp.StartAsync(clock, definitions: Definitions);

        // The rollout starts (10% canary): the flag serves two variants, then it is aborted on day 3 (everyone on old).
        await app.TickAsync(clock);
        Assert.False((await StalenessAsync(app)).GetProperty("checkout").GetProperty("singleVariant").GetBoolean());
        clock.Advance(TimeSpan.FromDays(3));
        await CommandAsync(app, "abort");
        var aborted = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromDays(6));
        var checkout = (await StalenessAsync(app)).GetProperty("checkout");
        Assert.Equal("old", checkout.GetProperty("variant").GetString());
        Assert.Equal(aborted, checkout.GetProperty("since").GetDateTimeOffset());
        Assert.Equal("rollout", checkout.GetProperty("sinceSource").GetString());
        Assert.False(checkout.GetProperty("stale").GetBoolean());

        clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await StalenessAsync(app)).GetProperty("checkout").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Start_ARolloutPromotedEightDaysAgo_IsWarnedOfAtStart_TheEndSurvivesTheRestart()
    {
        var (clock, restarts) = Restarts.Create();
        await using (var first = await restarts.StartAsync(Definitions))
        {
            await first.TickAsync(clock);
            await CommandAsync(first, "promote", full: true);
            Assert.DoesNotContain(first.Logs.Entries, e => e.Message.Contains("Flag checkout is stale", StringComparison.Ordinal));
        }

        var promoted = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromDays(8));
        await using var second = await restarts.StartAsync(Definitions);

        var warning = Assert.Single(second.Logs.Entries, e => e.Message.StartsWith("Flag checkout is stale", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("it has served variant 'new' to every unit since its rollout 'checkout-v2' ended on 2026-12-01 09:00 UTC, 8 days (more than 7 days)", warning.Message, StringComparison.Ordinal);
        var checkout = (await StalenessAsync(second)).GetProperty("checkout");
        Assert.Equal(promoted, checkout.GetProperty("since").GetDateTimeOffset());
        Assert.Equal("rollout", checkout.GetProperty("sinceSource").GetString());
        Assert.DoesNotContain(second.Logs.Entries, e => e.Message.Contains("Flag search-v2 is stale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_AFlagOnOneVariantForEightDaysAcrossRestarts_IsWarnedOf_TheClockIsKeptInTheStore()
    {
        var (clock, restarts) = Restarts.Create();
        await using (var first = await restarts.StartAsync(Definitions))
        {
            Assert.NotNull(await restarts.Store.GetAsync("progressive-delivery.flag-clock"));
        }

        // Restarted every few days, as apps are: the clock is not restarted with them.
        clock.Advance(TimeSpan.FromDays(4));
        await using (var second = await restarts.StartAsync(Definitions))
        {
            Assert.False((await StalenessAsync(second)).GetProperty("dark-mode").GetProperty("stale").GetBoolean());
        }

        clock.Advance(TimeSpan.FromDays(4));
        await using var third = await restarts.StartAsync(Definitions);

        var warning = Assert.Single(third.Logs.Entries, e => e.Message.StartsWith("Flag dark-mode is stale", StringComparison.Ordinal));
        Assert.Contains("it has served variant 'on' to every unit since it was first recorded so on 2026-12-01 09:00 UTC, 8 days (more than 7 days)", warning.Message, StringComparison.Ordinal);
        var darkMode = (await StalenessAsync(third)).GetProperty("dark-mode");
        Assert.Equal(Start, darkMode.GetProperty("since").GetDateTimeOffset());
        Assert.Equal("recorded", darkMode.GetProperty("sinceSource").GetString());
        Assert.DoesNotContain(third.Logs.Entries, e => e.Message.StartsWith("Flag search-v2 is stale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_AFlagThatChangedVariantWhileStopped_RestartsItsClock()
    {
        var (clock, restarts) = Restarts.Create();
        await using (await restarts.StartAsync(Definitions))
        {
        }

        // Redeployed on day 5 with dark mode off for everyone: a new variant, a new clock.
        clock.Advance(TimeSpan.FromDays(5));
        var switchedOff = Definitions.Replace(
            "\"dark-mode\": { \"variants\": { \"on\": true, \"off\": false }, \"defaultVariant\": \"on\" }",
            "\"dark-mode\": { \"variants\": { \"on\": true, \"off\": false }, \"defaultVariant\": \"off\" }",
            StringComparison.Ordinal);
        Assert.NotEqual(Definitions, switchedOff);
        await using (await restarts.StartAsync(switchedOff))
        {
        }

        clock.Advance(TimeSpan.FromDays(6));
        await using var third = await restarts.StartAsync(switchedOff);

        var darkMode = (await StalenessAsync(third)).GetProperty("dark-mode");
        Assert.Equal("off", darkMode.GetProperty("variant").GetString());
        Assert.Equal(Start.AddDays(5), darkMode.GetProperty("since").GetDateTimeOffset());
        Assert.False(darkMode.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Fleet_TwoReplicasOnOneStore_ReportWhatTheStoreRecorded_EvenTheOneThatServedItLonger()
    {
        var (clock, restarts) = Restarts.Create();
        await using var longRunning = await restarts.StartAsync(Definitions);

        // Another replica, deployed on day 2, finds the store's record changed meanwhile (someone served 'off' until then).
        clock.Advance(TimeSpan.FromDays(2));
        var stored = (await restarts.Store.GetAsync("progressive-delivery.flag-clock"))!;
        var edited = System.Text.Json.Nodes.JsonNode.Parse(stored.State.GetRawText())!;
        edited["flags"]!["dark-mode"]!["since"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        using (var json = JsonDocument.Parse(edited.ToJsonString()))
        {
            await restarts.Store.SaveAsync(stored.WithState(json.RootElement.Clone(), stored.AuditHead), stored.Version);
        }

        await using var deployed = await restarts.StartAsync(Definitions);
        Assert.Equal(Start.AddDays(2), (await StalenessAsync(deployed)).GetProperty("dark-mode").GetProperty("since").GetDateTimeOffset());

        // The long-running replica re-reads the record within its refresh interval and reports the same.
        clock.Advance(TimeSpan.FromMinutes(5));
        await longRunning.TickAsync(clock);
        Assert.Equal(Start.AddDays(2), (await StalenessAsync(longRunning)).GetProperty("dark-mode").GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public async Task Start_TheStoreHoldsAnotherDocumentUnderTheClocksId_LeavesItAndKeepsTheClockInMemory()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryRolloutStore(clock);
        using var foreign = JsonDocument.Parse("""{"someone": "else"}""");
        await store.SaveAsync(new RolloutDocument("progressive-delivery.flag-clock", foreign.RootElement.Clone(), AuditHead.Genesis), 0);

        await using var app = await RolloutTestApp.StartAsync(clock, store, Definitions);
        await app.TickAsync(clock);

        var stored = await store.GetAsync("progressive-delivery.flag-clock");
        Assert.Equal(1, stored!.Version);
        Assert.Equal("else", stored.State.GetProperty("someone").GetString());
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("kept in memory only", StringComparison.Ordinal));
        Assert.Equal("recorded", (await StalenessAsync(app)).GetProperty("dark-mode").GetProperty("sinceSource").GetString());
    }

    [Fact]
    public async Task Tick_TheStoreFailsThenRecovers_TheClockIsWrittenOnceItAnswers()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new FlakyRolloutStore(clock);
        store.FailNextSave(new System.IO.IOException("disk unplugged"));
        var withoutRollouts = Definitions[..Definitions.IndexOf(",\n    \"rollouts\"", StringComparison.Ordinal)] + "\n  }\n}";
        await using var app = await RolloutTestApp.StartAsync(clock, store, withoutRollouts);
        Assert.Null(await store.GetAsync("progressive-delivery.flag-clock"));
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Reading or writing the clock of stale flags", StringComparison.Ordinal));

        await app.TickAsync(clock);

        Assert.NotNull(await store.GetAsync("progressive-delivery.flag-clock"));
        Assert.Contains(app.Logs.Entries, e => e.Message.StartsWith("The clock of stale flags is written to the rollout store again", StringComparison.Ordinal));
    }

    /// <summary>One app's lives across restarts: the same clock, rollout store and audit log each time.</summary>
    private sealed record Restarts(FakeTimeProvider Clock, InMemoryRolloutStore Store, InMemoryAuditLog Audit)
    {
        public static (FakeTimeProvider Clock, Restarts Restarts) Create()
        {
            var clock = new FakeTimeProvider(Start);
            return (clock, new Restarts(clock, new InMemoryRolloutStore(clock), new InMemoryAuditLog(clock)));
        }

        public Task<TestApp> StartAsync(string definitions) => RolloutTestApp.StartAsync(Clock, Store, definitions, Audit);
    }

    private static string[] Reasons(JsonElement flag) => flag.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray();

    private static async Task<JsonElement> StalenessAsync(TestApp app) =>
        (await GetFlagsAsync(app)).GetProperty("staleness").GetProperty("flags");

    private static async Task<JsonElement> GetFlagsAsync(TestApp app)
    {
        using var response = await app.Client.SendAsync(RolloutTestApp.Admin(HttpMethod.Get, "/pd/flags"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task CommandAsync(TestApp app, string command, bool full = false)
    {
        using var response = await app.Client.SendAsync(RolloutTestApp.Admin(HttpMethod.Post, $"/pd/rollouts/checkout-v2/{command}", new { reason = "test", full }));
        response.EnsureSuccessStatusCode();
    }
}
