using System;
using Microsoft.Extensions.Time.Testing;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Tests.FeatureManagement;

public sealed class ReadFeatureManagementConfigurationTests
{
    private const string Configuration = """
        {
          "feature_management": {
            "feature_flags": [
              { "id": "NewCheckout", "enabled": true },
              { "id": "Beta", "enabled": true,
                "conditions": { "client_filters": [ { "name": "MyCompany.Beta", "parameters": { "Ring": 2 } } ] } },
              { "id": "Greeting", "enabled": true,
                "variants": [ { "name": "Hello", "configuration_value": "Hello!" }, { "name": "Welcome", "configuration_value": "Welcome!" } ],
                "allocation": { "user": [ { "variant": "Welcome", "users": [ "alice" ] } ], "default_when_enabled": "Hello" } }
            ]
          },
          "FeatureManagement": { "Legacy": true },
          "ProgressiveDelivery": {
            "UnitHeaderName": "X-Unit",
            "rollouts": {
              "new-checkout": {
                "flag": "NewCheckout", "stableVariant": "off", "canaryVariant": "on",
                "plan": { "backgroundAnalysis": false, "steps": [ { "setWeight": 25 }, { "pause": true } ] }
              }
            }
          }
        }
        """;

    [Fact]
    public void ReadFeatureManagementConfiguration_NullConfiguration_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ProgressiveDeliveryOptions().ReadFeatureManagementConfiguration(null!));
    }

    [Fact]
    public async Task ReadFeatureManagementConfiguration_CustomFilter_LogsTheFeatureFilterAndPathAndLoadsEveryOtherFeature()
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();

        Assert.False(evaluator.Snapshot.ContainsFlag("Beta"));
        Assert.True(evaluator.IsEnabled("Legacy", EvaluationContext.Empty));
        Assert.Equal("Welcome", evaluator.Evaluate("Greeting.variant", EvaluationContext.ForUnit("alice")).Variant);
        Assert.Equal("Welcome!", evaluator.Evaluate("Greeting.variant", EvaluationContext.ForUnit("alice")).Value.AsString());
        Assert.Equal("Hello", evaluator.Evaluate("Greeting.variant", EvaluationContext.ForUnit("bob")).Variant);
        var error = Assert.Single(app.Logs.Errors);
        Assert.Contains("'Beta'", error, StringComparison.Ordinal);
        Assert.Contains("'MyCompany.Beta'", error, StringComparison.Ordinal);
        Assert.Contains("feature_management:feature_flags:1:conditions:client_filters:0:name", error, StringComparison.Ordinal);
        Assert.Contains(DefinitionErrorCodes.UnsupportedFilter, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_OnAFeatureFromFeatureManagement_SplitsTheUsersFeatureManagementEnables()
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
        var manager = app.Services.GetRequiredService<RolloutManager>();
        Assert.Equal(RolloutStatus.Pending, manager.GetRollout("new-checkout")!.State.Status);
        Assert.Equal(0, CountOn(evaluator, 2_000)); // before the rollout starts, its stable variant

        await app.TickAsync(clock);

        Assert.Equal(25, manager.GetRollout("new-checkout")!.State.WeightPercent);
        Assert.InRange(CountOn(evaluator, 2_000), 400, 600);

        // The gate follows the rollout: a canary unit passes, a stable one gets 404.
        var canary = Enumerable.Range(0, 100).Select(i => "unit-" + i).First(unit => evaluator.IsEnabled("NewCheckout", EvaluationContext.ForUnit(unit)));
        var stable = Enumerable.Range(0, 100).Select(i => "unit-" + i).First(unit => !evaluator.IsEnabled("NewCheckout", EvaluationContext.ForUnit(unit)));
        var passed = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/checkout") { Headers = { { "X-Unit", canary } } });
        var closed = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/checkout") { Headers = { { "X-Unit", stable } } });
        Assert.Equal("on", await passed.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, closed.StatusCode);
    }

    [Fact]
    public async Task ConfigurationReload_FeatureManagementChange_ChangesTheFlagLive()
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(Configuration));
        await using var app = await StartAsync(new FakeTimeProvider(), source);
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
        Assert.True(evaluator.IsEnabled("Legacy", EvaluationContext.Empty));

        var changed = TestFlags.Flatten(Configuration);
        changed["FeatureManagement:Legacy"] = "false";
        source.Instance.Replace(changed);

        Assert.False(evaluator.IsEnabled("Legacy", EvaluationContext.Empty));
        Assert.True(evaluator.Snapshot.ContainsFlag("NewCheckout"));
    }

    [Fact]
    public async Task Start_FeatureAlsoDefinedInOurFlags_FailsWithDuplicateKeyAtTheConfigurationPath()
    {
        var exception = await Assert.ThrowsAsync<DefinitionException>(() => TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText("""
                    { "FeatureManagement": { "Search": true }, "ProgressiveDelivery": { "flags": { "Search": { "defaultVariant": "off" } } } }
                    """);
                builder.Services.AddProgressiveDelivery(o => o.ReadFeatureManagementConfiguration());
            },
            _ => { }));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(("FeatureManagement:Search", DefinitionErrorCodes.DuplicateKey), (error.Path, error.Code));
    }

    private static int CountOn(FlagEvaluator evaluator, int units) =>
        Enumerable.Range(0, units).Count(i => evaluator.IsEnabled("NewCheckout", EvaluationContext.ForUnit("unit-" + i)));

    private static Task<TestApp> StartAsync(FakeTimeProvider clock, ReloadableConfigurationSource? source = null) =>
        TestApp.StartAsync(
            builder =>
            {
                if (source is null)
                {
                    builder.Configuration.AddJsonText(Configuration);
                }
                else
                {
                    builder.Configuration.Sources.Add(source);
                }

                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<RolloutStore>(new InMemoryRolloutStore(clock));
                builder.Services.AddSingleton<AuditLog>(new InMemoryAuditLog(clock));
                builder.Services.AddProgressiveDelivery(o => o.ReadFeatureManagementConfiguration());
            },
            app =>
            {
                app.UseProgressiveDelivery();
                app.MapGet("/checkout", (HttpContext context) => context.GetProgressiveDelivery().GetVariant("NewCheckout") ?? "none").RequireFeature("NewCheckout", "on");
            });
}
