using System;
using Microsoft.AspNetCore.Routing;
using ProgressiveDelivery.AspNetCore;
using ProgressiveDelivery.AspNetCore.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Variant routing: one route served by a different handler per variant of a flag.</summary>
public static class VariantEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps one route whose handler depends on the variant of <paramref name="flagKey"/> served to the request's unit:
    /// <c>app.MapVariants("/checkout", "new-checkout", v => v.Variant("on", NewCheckout).Variant("off", OldCheckout))</c>.
    /// With <c>UseProgressiveDelivery</c>, the outcome (count, errors, duration) is recorded per variant.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <param name="flagKey">The flag whose variant chooses the handler.</param>
    /// <param name="configure">Maps variants to handlers.</param>
    /// <returns>A builder to add conventions (authorization, names, gates) to the endpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/>, <paramref name="pattern"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> is <see langword="null"/> or empty, or no variant was mapped.</exception>
    public static IEndpointConventionBuilder MapVariants(this IEndpointRouteBuilder endpoints, string pattern, string flagKey, Action<VariantHandlerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        ArgumentNullException.ThrowIfNull(configure);
        var variants = new VariantHandlerBuilder(endpoints.ServiceProvider);
        configure(variants);
        if (variants.Variants.Count == 0)
        {
            throw new ArgumentException("Map at least one variant to a handler.", nameof(configure));
        }

        var metadata = new VariantRouteMetadata(flagKey, [.. variants.Variants], [.. variants.Handlers], variants.OtherwiseHandler);
        var builder = variants.HttpMethods is { } methods
            ? endpoints.MapMethods(pattern, methods, metadata.DispatchAsync)
            : endpoints.Map(pattern, metadata.DispatchAsync);
        return builder.WithMetadata(metadata);
    }
}
