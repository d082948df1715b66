namespace CheckoutCanary.App;

/// <summary>Where the demo sends its OpenTelemetry data (<c>--otel</c>).</summary>
internal enum TelemetryExport
{
    /// <summary>Nowhere (the default): no OpenTelemetry SDK in the app.</summary>
    None,

    /// <summary>OTLP to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (default <c>http://localhost:4317</c>): metrics, traces and evaluation events.</summary>
    Otlp,

    /// <summary>A Prometheus scrape endpoint at <c>/metrics</c> on the app's own address: metrics only.</summary>
    Prometheus,
}
