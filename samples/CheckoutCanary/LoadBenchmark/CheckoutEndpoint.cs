namespace CheckoutCanary.LoadBenchmark;

/// <summary>The endpoint every configuration serves: the same handler, a small text body, no artificial delay.</summary>
internal static class CheckoutEndpoint
{
    public const string Path = "/checkout";

    /// <summary>The flag gating the endpoint (ProgressiveDelivery and Microsoft.FeatureManagement alike).</summary>
    public const string FlagKey = "checkout";

    /// <summary>The header carrying the user id; wrk rotates it on every request, in every configuration.</summary>
    public const string UnitHeader = "X-User-Id";

    public static string Handle() => "checkout: ok";
}
