using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class RolloutReloadTests
{
    private const string Flag = """ "flags": { "checkout": { "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old" } } """;

    private const string OneRollout = "{ \"ProgressiveDelivery\": {" + Flag + """
        , "rollouts": { "r1": { "flag": "checkout", "stableVariant": "old", "canaryVariant": "new", "plan": { "steps": [ { "setWeight": 10 } ] } } } } }
        """;

    private const string RenamedRollout = "{ \"ProgressiveDelivery\": {" + Flag + """
        , "rollouts": { "r2": { "flag": "checkout", "stableVariant": "old", "canaryVariant": "new", "plan": { "steps": [ { "setWeight": 20 } ] } } } } }
        """;

    private const string BrokenRollout = "{ \"ProgressiveDelivery\": {" + Flag + """
        , "rollouts": { "r2": { "flag": "checkout", "stableVariant": "old", "canaryVariant": "gone", "plan": { "steps": [ { "setWeight": 200 } ] } } } } }
        """;

    [Fact]
    public async Task ConfigurationReload_ValidRollouts_AreLoadedIntoTheManager()
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(OneRollout));
        await using var app = await StartAsync(source);
        var manager = app.Services.GetRequiredService<RolloutManager>();

        source.Instance.Replace(TestFlags.Flatten(RenamedRollout));

        await Eventually.TrueAsync(() => manager.GetRollout("r2") is not null);
        Assert.Null(manager.GetRollout("r1"));
    }

    [Fact]
    public async Task ConfigurationReload_BrokenRollouts_KeepTheLastGoodOnesAndLogEveryError()
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(OneRollout));
        await using var app = await StartAsync(source);
        var manager = app.Services.GetRequiredService<RolloutManager>();

        source.Instance.Replace(TestFlags.Flatten(BrokenRollout));

        Assert.NotNull(manager.GetRollout("r1"));
        Assert.Null(manager.GetRollout("r2"));
        var error = Assert.Single(app.Logs.Errors);
        Assert.Contains("$.rollouts['r2'].canaryVariant", error, StringComparison.Ordinal);
        Assert.Contains("$.rollouts['r2'].plan.steps[0].setWeight", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProgressiveDelivery_RolloutsInCode_AreValidatedAndLoaded()
    {
        await using var app = await TestApp.StartAsync(
            builder => builder.Services
                .AddSingleton<ProgressiveDelivery.Rollouts.Persistence.RolloutStore>(new ProgressiveDelivery.Rollouts.Persistence.InMemoryRolloutStore())
                .AddProgressiveDelivery(o => o
                    .Flags(f => f.Flag("checkout", flag => flag.Variant("old", "v1").Variant("new", "v2").DefaultVariant("old")))
                    .Rollouts(r => r.Rollout("r1", rollout => rollout.Flag("checkout", "old", "new").Plan(RolloutPlan.Linear(50, TimeSpan.FromMinutes(1)))))),
            _ => { });

        Assert.NotNull(app.Services.GetRequiredService<RolloutManager>().GetRollout("r1"));
    }

    private static Task<TestApp> StartAsync(ReloadableConfigurationSource source) =>
        TestApp.StartAsync(
            builder =>
            {
                ((IConfigurationBuilder)builder.Configuration).Add(source);
                builder.Services.AddSingleton<ProgressiveDelivery.Rollouts.Persistence.RolloutStore>(new ProgressiveDelivery.Rollouts.Persistence.InMemoryRolloutStore());
                builder.Services.AddSingleton<ProgressiveDelivery.Rollouts.Audit.AuditLog>(new ProgressiveDelivery.Rollouts.Audit.InMemoryAuditLog());
                builder.Services.AddProgressiveDelivery();
            },
            _ => { });
}
