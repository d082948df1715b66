namespace CheckoutCanary.LoadBenchmark;

/// <summary>What sits in front of <c>GET /checkout</c> in one load-benchmark server.</summary>
internal enum LoadBenchmarkConfiguration
{
    /// <summary><c>bare</c>: the endpoint alone, no ProgressiveDelivery services or middleware.</summary>
    Bare,

    /// <summary><c>ours</c>: <c>UseProgressiveDelivery()</c>, <c>RequireFeature("checkout")</c>, unit from the header, meters listened to.</summary>
    Ours,

    /// <summary><c>featuremanagement</c>: Microsoft.FeatureManagement.AspNetCore's <c>WithFeatureGate("checkout")</c>, targeting by the header.</summary>
    FeatureManagement,

    /// <summary><c>ours-passthrough</c> (diagnostic): the middleware, but no gate on the endpoint, so it hands straight on.</summary>
    OursPassThrough,

    /// <summary><c>ours-unmetered</c> (diagnostic): as <see cref="Ours"/> with no listener, so every instrument is a no-op.</summary>
    OursUnmetered,

    /// <summary><c>ours-anonymous</c> (diagnostic): as <see cref="Ours"/> without a unit header: a new cookie unit and a Set-Cookie per request.</summary>
    OursAnonymous,

    /// <summary>
    /// <c>bare-aspnetcore-metrics</c> (calibration): <see cref="Bare"/> with ASP.NET Core's own meters listened to, as an
    /// OpenTelemetry setup with the ASP.NET Core instrumentation does (<c>http.server.request.duration</c>,
    /// <c>http.server.active_requests</c>, routing's match attempts): what the framework's standard per-request telemetry
    /// costs on the same endpoint, to read the gate's cost against.
    /// </summary>
    BareAspNetCoreMetrics,
}
