namespace ProgressiveDelivery.AspNetCore;

/// <summary>What a request to an endpoint whose feature gate is closed receives.</summary>
public enum ClosedGateBehavior
{
    /// <summary>404 Not Found: the endpoint does not exist for this unit (the default; reveals nothing).</summary>
    NotFound = 0,

    /// <summary>403 Forbidden.</summary>
    Forbidden = 1,

    /// <summary>A 302 redirect to <see cref="ProgressiveDeliveryOptions.ClosedGateRedirectUrl"/>.</summary>
    Redirect = 2,

    /// <summary>The request is handled by <see cref="ProgressiveDeliveryOptions.ClosedGateFallback"/>.</summary>
    Fallback = 3,
}
