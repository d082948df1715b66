using System;
using ProgressiveDelivery.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Gates endpoints and groups on flags (the minimal-API counterpart of <see cref="FeatureGateAttribute"/>).</summary>
public static class FeatureGateEndpointConventionBuilderExtensions
{
    /// <summary>Opens the endpoints only to units for which the boolean flag serves <c>true</c>; others get the closed-gate answer (404 by default).</summary>
    /// <typeparam name="TBuilder">The endpoint, group or controller convention builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="flagKey">The flag key.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> is <see langword="null"/> or empty.</exception>
    public static TBuilder RequireFeature<TBuilder>(this TBuilder builder, string flagKey)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new FeatureGateAttribute(flagKey));
    }

    /// <summary>Opens the endpoints only to units for which the flag serves <paramref name="variant"/>; others get the closed-gate answer.</summary>
    /// <typeparam name="TBuilder">The endpoint, group or controller convention builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">The variant that opens the gate.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> or <paramref name="variant"/> is <see langword="null"/> or empty.</exception>
    public static TBuilder RequireFeature<TBuilder>(this TBuilder builder, string flagKey, string variant)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new FeatureGateAttribute(flagKey, variant));
    }
}
