using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>
/// <see cref="MetricCollector{T}"/>s on one instrument of the ProgressiveDelivery meter of one host's meter factory
/// (so parallel tests do not mix).
/// </summary>
internal static class Metrics
{
    public static MetricCollector<T> Collect<T>(this TestApp app, string instrument)
        where T : struct =>
        new(app.Services.GetRequiredService<IMeterFactory>(), ProgressiveDeliveryTelemetry.MeterName, instrument);
}
