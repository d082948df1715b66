using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using ProgressiveDelivery.AspNetCore;

namespace CheckoutCanary.App;

/// <summary>The OpenTelemetry SDK wired as the AspNetCore package README shows, for <c>--otel otlp|prometheus</c>.</summary>
internal static class TelemetrySetup
{
    /// <summary>The path of the Prometheus scrape endpoint.</summary>
    public const string PrometheusPath = "/metrics";

    public static void Add(WebApplicationBuilder builder, TelemetryExport export)
    {
        if (export == TelemetryExport.None)
        {
            return;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("CheckoutCanary"))
            .WithMetrics(m => m.AddMeter(ProgressiveDeliveryTelemetry.MeterName));
        if (export == TelemetryExport.Prometheus)
        {
            otel.WithMetrics(m => m.AddPrometheusExporter());
            return;
        }

        // OTLP: the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) itself.
        otel.WithTracing(t => t.AddSource(ProgressiveDeliveryTelemetry.ActivitySourceName, "Microsoft.AspNetCore"))
            .WithLogging()
            .UseOtlpExporter();
        builder.Logging.AddFilter(ProgressiveDeliveryTelemetry.EvaluationEventCategory, LogLevel.Debug); // one feature_flag.evaluation event per evaluation
    }

    public static void Map(WebApplication app, TelemetryExport export)
    {
        if (export == TelemetryExport.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath);
        }
    }

    /// <summary>A line for the display saying where the data goes.</summary>
    public static string? Describe(TelemetryExport export, Uri baseAddress) => export switch
    {
        TelemetryExport.Prometheus => $"  OpenTelemetry: Prometheus scrape endpoint {baseAddress}{PrometheusPath.TrimStart('/')}",
        TelemetryExport.Otlp => $"  OpenTelemetry: OTLP to {Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") ?? "http://localhost:4317 (OTEL_EXPORTER_OTLP_ENDPOINT unset)"}",
        _ => null,
    };
}
