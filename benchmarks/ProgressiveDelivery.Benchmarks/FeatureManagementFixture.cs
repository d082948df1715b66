using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>
/// Microsoft.FeatureManagement 4.7.0 set up the way its documentation shows, with flags equivalent to ours:
/// a plain enabled flag, a targeting flag (users, groups, 50% default rollout) and a variant flag with a 3-way
/// percentile allocation.
/// </summary>
internal sealed class FeatureManagementFixture
{
    public const string PlainFlag = "Plain";
    public const string TargetedFlag = "Targeted";
    public const string VariantFlag = "Checkout";

    public FeatureManagementFixture()
    {
        var settings = new Dictionary<string, string?>
        {
            ["feature_management:feature_flags:0:id"] = PlainFlag,
            ["feature_management:feature_flags:0:enabled"] = "true",

            ["feature_management:feature_flags:1:id"] = TargetedFlag,
            ["feature_management:feature_flags:1:enabled"] = "true",
            ["feature_management:feature_flags:1:conditions:client_filters:0:name"] = "Microsoft.Targeting",
            ["feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience:Users:0"] = "alice",
            ["feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience:Users:1"] = "bob",
            ["feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience:Groups:0:Name"] = "beta",
            ["feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience:Groups:0:RolloutPercentage"] = "100",
            ["feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience:Groups:1:Name"] = "internal",
            ["feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience:Groups:1:RolloutPercentage"] = "50",
            ["feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage"] = "50",

            ["feature_management:feature_flags:2:id"] = VariantFlag,
            ["feature_management:feature_flags:2:enabled"] = "true",
            ["feature_management:feature_flags:2:variants:0:name"] = "control",
            ["feature_management:feature_flags:2:variants:0:configuration_value"] = "control",
            ["feature_management:feature_flags:2:variants:1:name"] = "treatment-a",
            ["feature_management:feature_flags:2:variants:1:configuration_value"] = "a",
            ["feature_management:feature_flags:2:variants:2:name"] = "treatment-b",
            ["feature_management:feature_flags:2:variants:2:configuration_value"] = "b",
            ["feature_management:feature_flags:2:allocation:percentile:0:variant"] = "control",
            ["feature_management:feature_flags:2:allocation:percentile:0:from"] = "0",
            ["feature_management:feature_flags:2:allocation:percentile:0:to"] = "34",
            ["feature_management:feature_flags:2:allocation:percentile:1:variant"] = "treatment-a",
            ["feature_management:feature_flags:2:allocation:percentile:1:from"] = "34",
            ["feature_management:feature_flags:2:allocation:percentile:1:to"] = "67",
            ["feature_management:feature_flags:2:allocation:percentile:2:variant"] = "treatment-b",
            ["feature_management:feature_flags:2:allocation:percentile:2:from"] = "67",
            ["feature_management:feature_flags:2:allocation:percentile:2:to"] = "100",
            ["feature_management:feature_flags:2:allocation:default_when_enabled"] = "control",
        };

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFeatureManagement();
        Services = services.BuildServiceProvider();
        Manager = Services.GetRequiredService<IVariantFeatureManager>();
    }

    public ServiceProvider Services { get; }

    public IVariantFeatureManager Manager { get; }

    /// <summary>Targeting contexts for the given user ids; groups rotate so that group rules are exercised.</summary>
    public static TargetingContext[] CreateContexts(string[] userIds)
    {
        var contexts = new TargetingContext[userIds.Length];
        for (var i = 0; i < userIds.Length; i++)
        {
            contexts[i] = new TargetingContext
            {
                UserId = userIds[i],
                Groups = (i % 3) switch { 0 => ["internal"], 1 => ["customers"], _ => [] },
            };
        }

        return contexts;
    }
}
