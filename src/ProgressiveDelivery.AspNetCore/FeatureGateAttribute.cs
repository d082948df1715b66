using System;
using ProgressiveDelivery.AspNetCore.Internal;

namespace ProgressiveDelivery.AspNetCore;

/// <summary>
/// Endpoint metadata that opens an endpoint only to units for which a flag serves <c>true</c> (a boolean flag) or the
/// named variant. Put it on an MVC controller or action (<c>[FeatureGate("new-checkout")]</c>), or add it to a minimal
/// API endpoint or group with <c>RequireFeature</c>. Several gates must all be open. Read by <c>UseProgressiveDelivery</c>,
/// which answers a closed gate as configured (<see cref="ProgressiveDeliveryOptions.ClosedGate"/>, 404 by default).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class FeatureGateAttribute : Attribute, IProgressiveDeliveryEndpointMetadata
{
    /// <summary>Gates on a boolean flag: open when it serves <c>true</c>.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> is <see langword="null"/> or empty.</exception>
    public FeatureGateAttribute(string flagKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        FlagKey = flagKey;
    }

    /// <summary>Gates on a variant: open when the flag serves <paramref name="variant"/>.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">The variant that opens the gate.</param>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> or <paramref name="variant"/> is <see langword="null"/> or empty.</exception>
    public FeatureGateAttribute(string flagKey, string variant)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        ArgumentException.ThrowIfNullOrEmpty(variant);
        FlagKey = flagKey;
        Variant = variant;
    }

    /// <summary>The flag key.</summary>
    public string FlagKey { get; }

    /// <summary>The variant that opens the gate, or <see langword="null"/> when a boolean <c>true</c> does.</summary>
    public string? Variant { get; }

    /// <summary>The gate as text: <c>flag</c> or <c>flag=variant</c>.</summary>
    public override string ToString() => Variant is null ? FlagKey : FlagKey + "=" + Variant;
}
