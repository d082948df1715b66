namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Endpoint metadata the middleware acts on: a <see cref="FeatureGateAttribute"/> or a <see cref="VariantRouteMetadata"/>.
/// One marker, so the middleware finds both with a single metadata lookup per request instead of one per type.
/// </summary>
internal interface IProgressiveDeliveryEndpointMetadata
{
    /// <summary>The flag the metadata gates or routes on.</summary>
    string FlagKey { get; }
}
