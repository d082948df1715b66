using System.Collections.Generic;
using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Tests;

/// <summary>The health check through <c>MapHealthChecks</c> on a test host, its JSON answer parsed as a probe would.</summary>
public sealed class ProgressiveDeliveryHealthChecksBuilderExtensionsTests
{
    private const string FlagOn = """{ "ProgressiveDelivery": { "flags": { "live": { "defaultVariant": "on" } } } }""";
    private const string Broken = """{ "ProgressiveDelivery": { "flags": { "live": { "defaultVariant": "gone" } } } }""";

    private static string WithRollout(string onInconclusive) => """
        {
          "ProgressiveDelivery": {
            "flags": { "hc": { "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old" } },
            "rollouts": {
              "hc-rollout": {
                "flag": "hc", "stableVariant": "old", "canaryVariant": "new",
                "plan": { "backgroundAnalysis": false, "maximumDuration": "00:00:15", "onInconclusive": "POLICY",
                          "steps": [ { "setWeight": 10 }, { "bake": "01:00:00" } ] }
              }
            }
          }
        }
        """.Replace("POLICY", onInconclusive, StringComparison.Ordinal);

    [Fact]
    public void AddProgressiveDeliveryHealthChecks_NullBuilder_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ProgressiveDeliveryHealthChecksBuilderExtensions.AddProgressiveDeliveryHealthChecks(null!));

    [Fact]
    public async Task Health_ReloadRejected_IsDegradedWithTheErrors_UntilAGoodReload()
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(FlagOn));
        await using var app = await StartAsync(builder => ((IConfigurationBuilder)builder.Configuration).Add(source));
        Assert.Equal("Healthy", (await GetHealthAsync(app, HttpStatusCode.OK)).GetProperty("status").GetString());

        source.Instance.Replace(TestFlags.Flatten(Broken));

        var degraded = await GetHealthAsync(app, HttpStatusCode.OK);
        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        var data = Data(degraded);
        Assert.Equal("rejected", data.GetProperty("definitions.reload").GetString());
        Assert.Contains(".defaultVariant", data.GetProperty("definitions.reload.error").GetString(), StringComparison.Ordinal);

        source.Instance.Replace(TestFlags.Flatten(FlagOn));
        Assert.Equal("Healthy", (await GetHealthAsync(app, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_DefinitionsFailedAtStart_IsUnhealthy_AndAGoodReloadHealsIt()
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(Broken));
        await using var app = await StartAsync(builder =>
        {
            ((IConfigurationBuilder)builder.Configuration).Add(source);
            builder.Services.Configure<ProgressiveDeliveryOptions>(o => o.FailStartOnInvalidDefinitions = false);
        });
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
        Assert.Equal(EvaluationErrorCode.FlagNotFound, evaluator.Evaluate("live", EvaluationContext.Empty).ErrorCode);

        var unhealthy = await GetHealthAsync(app, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", unhealthy.GetProperty("status").GetString());
        Assert.Equal("failed_at_start", Data(unhealthy).GetProperty("definitions").GetString());
        Assert.Contains(".defaultVariant", Data(unhealthy).GetProperty("definitions.error").GetString(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical && e.Message.Contains("failed to load at start", StringComparison.Ordinal));

        source.Instance.Replace(TestFlags.Flatten(FlagOn));

        Assert.Equal("Healthy", (await GetHealthAsync(app, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.True(evaluator.IsEnabled("live", EvaluationContext.Empty));
    }

    [Fact]
    public async Task Health_DefinitionsFailedAtStart_StaysUnhealthy_WhenAnUnrelatedSettingChanges()
    {
        // Flags in code and a Microsoft.FeatureManagement feature of the same key: a duplicate, so no flags at start.
        var source = new ReloadableConfigurationSource(new Dictionary<string, string?> { ["FeatureManagement:live"] = "true" });
        await using var app = await StartAsync(builder =>
        {
            ((IConfigurationBuilder)builder.Configuration).Add(source);
            builder.Services.Configure<ProgressiveDeliveryOptions>(o =>
            {
                o.FailStartOnInvalidDefinitions = false;
                o.ReadFeatureManagementConfiguration();
                o.Flags(flags => flags.Flag("live", flag => flag.Variants(("on", "yes"), ("off", "no")).DefaultVariant("on")));
            });
        });
        Assert.Equal("failed_at_start", Data(await GetHealthAsync(app, HttpStatusCode.ServiceUnavailable)).GetProperty("definitions").GetString());

        // A logging level edited: configuration signals a change of the whole tree, and none of our sources changed.
        source.Instance.Replace(new Dictionary<string, string?> { ["FeatureManagement:live"] = "true", ["Logging:LogLevel:Default"] = "Warning" });

        var unhealthy = await GetHealthAsync(app, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("failed_at_start", Data(unhealthy).GetProperty("definitions").GetString());
        Assert.Equal(EvaluationErrorCode.FlagNotFound, app.Services.GetRequiredService<FlagEvaluator>().Evaluate("live", EvaluationContext.Empty).ErrorCode);
    }

    [Theory]
    [InlineData("pause", "paused: maximum_duration")]
    [InlineData("rollback", "rolled_back: maximum_duration")]
    public async Task Health_RolloutPausedOrRolledBackOnItsOwn_IsDegradedWithTheReason(string policy, string expected)
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartWithRolloutAsync(clock, policy);
        await app.TickAsync(clock); // started at 10%
        Assert.Equal("Healthy", (await GetHealthAsync(app, HttpStatusCode.OK)).GetProperty("status").GetString());

        await app.TickAsync(clock);
        await app.TickAsync(clock); // 20 s into the attempt: past its maximum duration

        var degraded = await GetHealthAsync(app, HttpStatusCode.OK);
        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        Assert.Equal(expected, Data(degraded).GetProperty("rollouts.hc-rollout").GetString());
    }

    [Fact]
    public async Task Health_RolloutPausedByAHuman_IsHealthy()
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartWithRolloutAsync(clock, "pause");
        await app.TickAsync(clock);

        await app.Services.GetRequiredService<RolloutManager>().PauseAsync("hc-rollout", "alice", "lunch");

        Assert.Equal("Healthy", (await GetHealthAsync(app, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal(RolloutStatus.Paused, app.Services.GetRequiredService<RolloutManager>().GetRollouts().Single().State.Status);
    }

    [Fact]
    public async Task Health_FleetReplicaThatHasNotSynced_IsDegradedAfter30Seconds_AndHealthyOnceItSyncs()
    {
        var clock = new FakeTimeProvider();
        var fleet = new SyncingFleet();
        await using var app = await StartAsync(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<RolloutFleet>(fleet);
            ((IConfigurationBuilder)builder.Configuration).Add(new ReloadableConfigurationSource(TestFlags.Flatten(FlagOn)));
        });
        Assert.Equal("Healthy", (await GetHealthAsync(app, HttpStatusCode.OK)).GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromSeconds(31)); // never synced since start
        var stale = await GetHealthAsync(app, HttpStatusCode.OK);
        Assert.Equal("Degraded", stale.GetProperty("status").GetString());
        Assert.Equal("replica-a", Data(stale).GetProperty("fleet.replica").GetString());
        Assert.True(double.Parse(Data(stale).GetProperty("fleet.stale").ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 31);

        fleet.Synced = clock.GetUtcNow();
        Assert.Equal("Healthy", (await GetHealthAsync(app, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    private static Task<TestApp> StartWithRolloutAsync(FakeTimeProvider clock, string policy) =>
        StartAsync(builder =>
        {
            builder.Configuration.AddJsonText(WithRollout(policy));
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<RolloutStore>(new InMemoryRolloutStore(clock));
            builder.Services.AddSingleton<AuditLog>(new InMemoryAuditLog(clock));
        });

    private static Task<TestApp> StartAsync(Action<WebApplicationBuilder> configure) =>
        TestApp.StartAsync(
            builder =>
            {
                configure(builder);
                builder.Services.AddProgressiveDelivery();
                builder.Services.AddHealthChecks().AddProgressiveDeliveryHealthChecks();
            },
            app => app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync }));

    /// <summary>The JSON a probe or dashboard reads: overall status, and per check its status, description and data.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data.ToDictionary(d => d.Key, d => d.Value.ToString()) }),
        });

    private static async Task<JsonElement> GetHealthAsync(TestApp app, HttpStatusCode expected)
    {
        using var response = await app.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Data(JsonElement health) =>
        health.GetProperty("checks").GetProperty(ProgressiveDeliveryHealthChecksBuilderExtensions.DefaultName).GetProperty("data");

    /// <summary>A fleet that only reports when it last synced (the health check reads nothing else).</summary>
    private sealed class SyncingFleet : RolloutFleet
    {
        public DateTimeOffset? Synced { get; set; }

        public override string ReplicaId => "replica-a";

        public override DateTimeOffset? LastSyncedAt => Synced;

        protected override bool IsLeaderCore(string rolloutId) => false;

        protected override bool HaveReplicasAppliedCore(string rolloutId, long version) => true;

        protected override Task<RolloutDocument> CommitCoreAsync(RolloutDocument document, long expectedVersion, AuditEvent? auditEvent, bool asLeader, System.Threading.CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not used: the app has no rollout.");

        protected override Task<System.Collections.Generic.IReadOnlyList<ReplicaObservations>> ReadObservationsCoreAsync(string rolloutId, int attempt, System.Threading.CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not used: the app has no rollout.");
    }
}
