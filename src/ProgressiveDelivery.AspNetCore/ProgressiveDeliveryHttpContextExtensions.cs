using System;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore;
using ProgressiveDelivery.AspNetCore.Internal;

namespace Microsoft.AspNetCore.Http;

/// <summary>Access to the flag assignment of a request.</summary>
public static class ProgressiveDeliveryHttpContextExtensions
{
    /// <summary>
    /// Returns the request's <see cref="IProgressiveDeliveryFeature"/>: the middleware's for gated, variant-routed and
    /// measured endpoints, else one created now (resolving the unit, and issuing the sticky cookie when the response has
    /// not started). Overrides apply only to requests that went through the middleware.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The feature, valid during the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddProgressiveDelivery</c> was not called.</exception>
    public static IProgressiveDeliveryFeature GetProgressiveDelivery(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IProgressiveDeliveryFeature>() is { } feature)
        {
            return feature;
        }

        var runtime = context.RequestServices.GetService<ProgressiveDeliveryRuntime>()
            ?? throw new InvalidOperationException("ProgressiveDelivery is not registered: call services.AddProgressiveDelivery().");
        return runtime.Create(context);
    }
}
