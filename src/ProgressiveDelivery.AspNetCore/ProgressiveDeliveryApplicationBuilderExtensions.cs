using System;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the ProgressiveDelivery middleware to the request pipeline.</summary>
public static class ProgressiveDeliveryApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the middleware that resolves the unit of each request, evaluates the flags its endpoint is gated or routed on
    /// (<c>RequireFeature</c>, <c>[FeatureGate]</c>, <c>MapVariants</c>) and the measured flags, answers closed gates,
    /// exposes <see cref="ProgressiveDelivery.AspNetCore.IProgressiveDeliveryFeature"/> and records each request's outcome
    /// per variant. Place it after <c>UseRouting</c> and <c>UseAuthentication</c> (a <c>WebApplication</c> adds those
    /// first by itself) and before the endpoints run.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddProgressiveDelivery</c> was not called.</exception>
    public static IApplicationBuilder UseProgressiveDelivery(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<ProgressiveDeliveryRuntime>() is null)
        {
            throw new InvalidOperationException(
                "UseProgressiveDelivery needs the ProgressiveDelivery services: call services.AddProgressiveDelivery() when configuring services.");
        }

        return app.UseMiddleware<ProgressiveDeliveryMiddleware>();
    }
}
