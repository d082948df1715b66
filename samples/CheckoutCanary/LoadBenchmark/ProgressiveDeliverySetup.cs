using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutCanary.LoadBenchmark;

/// <summary>
/// The <c>ours</c> configuration and its diagnostic variants. The flag is a rollout in progress whose two arms both open
/// the gate: variants <c>stable</c> and <c>canary</c>, both <see langword="true"/>, split 50 / 50. So every request is
/// bucketed by its unit (hashed into the split, the work of a real rollout), passes the gate, and is measured per arm.
/// A split with one arm over every bucket (a rollout at 100%) skips the hash, so it would measure less work.
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
                static flag => flag.Variants(("stable", true), ("canary", true)).DefaultSplit(("stable", 50), ("canary", 50))));
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
