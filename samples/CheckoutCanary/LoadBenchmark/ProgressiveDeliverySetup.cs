using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutCanary.LoadBenchmark;

/// <summary>
/// The <c>ours</c> configuration and its diagnostic variants. The flag is a rollout at 100%: a boolean split
/// <c>on 100 / off 0</c>, so every request is bucketed by its unit (the work of a real rollout) and passes the gate.
/// </summary>
internal static class ProgressiveDeliverySetup
{
    public static void AddServices(IServiceCollection services, LoadBenchmarkConfiguration configuration)
    {
        services.AddProgressiveDelivery(options =>
        {
            // Anonymous: wrk's header is ignored, so every request is a new cookie unit (wrk keeps no cookies).
            options.UnitHeaderName = configuration == LoadBenchmarkConfiguration.OursAnonymous ? null : CheckoutEndpoint.UnitHeader;
            options.Flags(static flags => flags.Flag(
                CheckoutEndpoint.FlagKey,
                static flag => flag.BooleanVariants().DefaultSplit(("on", 100), ("off", 0))));
        });
    }

    public static void Map(WebApplication app, LoadBenchmarkConfiguration configuration)
    {
        app.UseProgressiveDelivery();
        var endpoint = app.MapGet(CheckoutEndpoint.Path, CheckoutEndpoint.Handle);
        if (configuration != LoadBenchmarkConfiguration.OursPassThrough)
        {
            endpoint.RequireFeature(CheckoutEndpoint.FlagKey);
        }
    }
}
