using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.AspNetCore;

namespace CheckoutCanary.LoadBenchmark;

/// <summary>
/// The <c>featuremanagement</c> configuration: Microsoft.FeatureManagement.AspNetCore 4.7.0 set up as its documentation
/// shows, with the same flag as ours: <c>checkout</c> on for a 100% targeting rollout (<c>Microsoft.Targeting</c>,
/// <c>DefaultRolloutPercentage</c> 100), the user id from the same header, so each request is bucketed by its user as ours
/// is; the gate is <c>WithFeatureGate</c>, its endpoint filter for minimal APIs.
/// </summary>
internal static class FeatureManagementSetup
{
    public static void AddServices(IServiceCollection services, IConfigurationBuilder configuration)
    {
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["feature_management:feature_flags:0:id"] = CheckoutEndpoint.FlagKey,
            ["feature_management:feature_flags:0:enabled"] = "true",
            ["feature_management:feature_flags:0:conditions:client_filters:0:name"] = "Microsoft.Targeting",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage"] = "100",
        });
        services.AddHttpContextAccessor();
        services.AddFeatureManagement().WithTargeting<HeaderTargetingContextAccessor>();
    }

    public static void Map(WebApplication app) =>
        app.MapGet(CheckoutEndpoint.Path, CheckoutEndpoint.Handle).WithFeatureGate(CheckoutEndpoint.FlagKey);
}
