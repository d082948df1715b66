using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Tests;

/// <summary>
/// Our telemetry through the real OpenTelemetry SDK (as the package README wires it), exported in memory: metric names,
/// units and attributes, the <c>feature_flag.evaluation</c> log records and span events, and no unit id anywhere.
/// Flag and rollout names are unique to this class: the SDK listens to every meter named ProgressiveDelivery in the
/// process, including those of hosts of tests running in parallel.
/// </summary>
public sealed class OpenTelemetryExportTests
{
    private const string Unit = "unit-5f0c1e7a-secret";

    private const string Definitions = """
        {
          "ProgressiveDelivery": {
            "UnitHeaderName": "X-Unit",
            "HeaderAttributes": { "plan": "X-Plan" },
            "MeasuredFlags": [ "otel-checkout" ],
            "flags": {
              "otel-checkout": {
                "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old",
                "rules": [ { "conditions": [ { "attribute": "plan", "operator": "equals", "value": "pro" } ], "variant": "new" } ]
              }
            },
            "rollouts": {
              "otel-rollout": {
                "flag": "otel-checkout", "stableVariant": "old", "canaryVariant": "new",
                "plan": { "backgroundAnalysis": false, "steps": [ { "setWeight": 20 }, { "bake": "01:00:00" } ] }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Export_ThroughTheSdk_CarriesSemanticConventionNamesUnitsAndAttributes_AndNoUnitId()
    {
        var metrics = new LockedCollection<MetricSnapshot>(); // the listeners are process-wide: parallel tests' hosts export too
        var spans = new LockedCollection<Activity>();
        var logs = new List<LogRecord>();
        var clock = new FakeTimeProvider();
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(Definitions);
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<RolloutStore>(new InMemoryRolloutStore(clock));
                builder.Services.AddSingleton<AuditLog>(new InMemoryAuditLog(clock));
                builder.Services.AddProgressiveDelivery();
                builder.Services.AddOpenTelemetry()
                    .WithMetrics(m => m.AddMeter(ProgressiveDeliveryTelemetry.MeterName).AddInMemoryExporter(metrics))
                    .WithTracing(t => t.AddSource(ProgressiveDeliveryTelemetry.ActivitySourceName, "Microsoft.AspNetCore").AddInMemoryExporter(spans))
                    .WithLogging(l => l.AddInMemoryExporter(logs));
                builder.Logging.AddFilter(ProgressiveDeliveryTelemetry.EvaluationEventCategory, LogLevel.Debug);
            },
            app =>
            {
                app.UseProgressiveDelivery();
                app.MapGet("/otel/checkout", () => "ok").RequireFeature("otel-checkout", "new");
                app.MapGet("/otel/fail", static (HttpContext c) => c.Response.StatusCode = 500).RequireFeature("otel-checkout", "new");
            });
        await app.TickAsync(clock); // the rollout takes its first step: 20%

        var pro = Requests.Get("/otel/checkout", Unit);
        pro.Headers.Add("X-Plan", "pro");
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(pro)).StatusCode);
        var failing = Requests.Get("/otel/fail", Unit);
        failing.Headers.Add("X-Plan", "pro");
        Assert.Equal(HttpStatusCode.InternalServerError, (await app.Client.SendAsync(failing)).StatusCode);
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());

        // Metrics: names, units, and the feature_flag.* attributes.
        var evaluations = Points(metrics, ProgressiveDeliveryTelemetry.EvaluationsInstrument, "{evaluation}");
        var targeted = Assert.Single(evaluations, p => Tags(p).GetValueOrDefault(ProgressiveDeliveryTelemetry.FlagKeyTag) is "otel-checkout");
        Assert.Equal(2, targeted.GetSumLong());
        Assert.Equal("new", Tags(targeted)[ProgressiveDeliveryTelemetry.VariantTag]);
        Assert.Equal("targeting_match", Tags(targeted)[ProgressiveDeliveryTelemetry.ReasonTag]);

        var durations = Points(metrics, ProgressiveDeliveryTelemetry.RequestDurationInstrument, "s")
            .Where(p => Tags(p).GetValueOrDefault(ProgressiveDeliveryTelemetry.FlagKeyTag) is "otel-checkout").ToList();
        Assert.Equal(2, durations.Sum(p => p.GetHistogramCount()));
        Assert.Contains(durations, p => Tags(p).GetValueOrDefault(ProgressiveDeliveryTelemetry.ErrorTypeTag) is "500" && Tags(p)[ProgressiveDeliveryTelemetry.VariantTag] is "new");

        var weight = Assert.Single(Points(metrics, ProgressiveDeliveryTelemetry.RolloutWeightInstrument, "%"), p => Tags(p)[ProgressiveDeliveryTelemetry.RolloutIdTag] is "otel-rollout");
        Assert.Equal(20, weight.GetGaugeLastValueDouble());
        Assert.Equal("otel-checkout", Tags(weight)[ProgressiveDeliveryTelemetry.FlagKeyTag]);
        var status = Assert.Single(Points(metrics, ProgressiveDeliveryTelemetry.RolloutStatusInstrument, "{status}"), p => Tags(p)[ProgressiveDeliveryTelemetry.RolloutIdTag] is "otel-rollout");
        Assert.Equal("progressing", Tags(status)[ProgressiveDeliveryTelemetry.RolloutStatusTag]);

        // Events as log records: event name feature_flag.evaluation, the semantic-convention attributes.
        var events = logs.Where(r => r.CategoryName == ProgressiveDeliveryTelemetry.EvaluationEventCategory).ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, r => Assert.Equal(ProgressiveDeliveryTelemetry.EvaluationEventName, r.EventId.Name));
        var attributes = Attributes(events[0]);
        Assert.Equal("otel-checkout", attributes["feature_flag.key"]);
        Assert.Equal("new", attributes["feature_flag.result.variant"]);
        Assert.Equal("targeting_match", attributes["feature_flag.result.reason"]);
        Assert.Equal("ProgressiveDelivery", attributes["feature_flag.provider.name"]);
        Assert.False(attributes.ContainsKey("feature_flag.context.id"));

        // Events on the request's span.
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());
        await Eventually.TrueAsync(() => SpanEvents(spans).Count() >= 2);
        var spanEvent = SpanEvents(spans).First();
        Assert.Equal("targeting_match", spanEvent.Tags.Single(t => t.Key == ProgressiveDeliveryTelemetry.ReasonTag).Value);

        // No unit id in any exported attribute value.
        var values = metrics.SelectMany(m => m.MetricPoints).SelectMany(p => Tags(p).Values)
            .Concat(logs.SelectMany(r => r.Attributes ?? []).Select(a => a.Value))
            .Concat(spans.SelectMany(s => s.TagObjects).Select(t => t.Value))
            .Concat(spans.SelectMany(s => s.Events).SelectMany(e => e.Tags).Select(t => t.Value))
            .Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, v => v is not null && v.Contains(Unit, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluationEvents_WithoutTheDebugFilter_AreNotLogged()
    {
        var logs = new List<LogRecord>();
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddProgressiveDelivery(o => o.Flags(f => f.Flag("otel-quiet", b => b.BooleanVariants().DefaultVariant("on"))));
                builder.Services.AddOpenTelemetry().WithLogging(l => l.AddInMemoryExporter(logs));
            },
            app =>
            {
                app.UseProgressiveDelivery();
                app.MapGet("/quiet", () => "ok").RequireFeature("otel-quiet");
            });

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Requests.Get("/quiet", Unit))).StatusCode);

        Assert.DoesNotContain(logs, r => r.CategoryName == ProgressiveDeliveryTelemetry.EvaluationEventCategory);
    }

    private static List<MetricPoint> Points(IEnumerable<MetricSnapshot> metrics, string name, string unit)
    {
        var snapshots = metrics.Where(m => m.Name == name).ToList();
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, m => Assert.Equal(unit, m.Unit));
        Assert.All(snapshots, m => Assert.Equal(ProgressiveDeliveryTelemetry.MeterName, m.MeterName));
        return snapshots.SelectMany(m => m.MetricPoints).ToList();
    }

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    private static Dictionary<string, object?> Attributes(LogRecord record) =>
        (record.Attributes ?? []).Where(a => a.Key != "{OriginalFormat}").ToDictionary(a => a.Key, a => a.Value);

    private static IEnumerable<ActivityEvent> SpanEvents(IEnumerable<Activity> spans) =>
        spans.ToArray().SelectMany(s => s.Events).Where(e => e.Name == ProgressiveDeliveryTelemetry.EvaluationEventName
            && e.Tags.Any(t => t.Key == ProgressiveDeliveryTelemetry.FlagKeyTag && t.Value is "otel-checkout"));
}
