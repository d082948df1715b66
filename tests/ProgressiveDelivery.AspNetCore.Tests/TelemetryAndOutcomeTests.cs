using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Outcomes;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class TelemetryAndOutcomeTests
{
    private static Task<TestApp> StartAsync(RecordingOutcomeRecorder recorder) =>
        TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(TestFlags.AppSettings);
                builder.Services.AddSingleton<IOutcomeRecorder>(recorder);
                builder.Services.AddProgressiveDelivery(o => o.MeasuredFlags.Add("checkout"));
            },
            app =>
            {
                app.UseProgressiveDelivery();
                app.MapGet("/ok", () => "ok").RequireFeature("on-flag");
                app.MapGet("/fail", static (HttpContext c) => c.Response.StatusCode = 503).RequireFeature("on-flag");
                app.MapGet("/throw", string () => throw new InvalidOperationException("boom")).RequireFeature("on-flag");
                app.MapGet("/closed", () => "closed").RequireFeature("off-flag");
                app.MapGet("/plain", () => "plain");
            });

    [Fact]
    public async Task Meters_GatedRequest_CarryNamesUnitsAndTagsButNoUnitId()
    {
        var recorder = new RecordingOutcomeRecorder();
        await using var app = await StartAsync(recorder);
        using var meters = new MeterCollector(app.Services.GetRequiredService<IMeterFactory>());

        await app.Client.SendAsync(Requests.Get("/ok", "t1"));
        await app.Client.SendAsync(Requests.Get("/fail", "t1"));

        // Evaluations are counted in process and observed when the listener collects: cumulative, one point per tag set.
        Assert.Empty(meters.Of(ProgressiveDeliveryTelemetry.EvaluationsInstrument));
        meters.Observe();
        var evaluations = meters.Of(ProgressiveDeliveryTelemetry.EvaluationsInstrument).ToList();
        Assert.All(evaluations, m => Assert.Equal("{evaluation}", m.Instrument.Unit));
        var checkout = Assert.Single(evaluations, m => m.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag] == "checkout");
        Assert.Equal("treatment", checkout.Tags[ProgressiveDeliveryTelemetry.VariantTag]);
        Assert.Equal("targeting_match", checkout.Tags[ProgressiveDeliveryTelemetry.ReasonTag]);
        Assert.Equal(2, checkout.Value); // two requests, one evaluation of checkout each


        var durations = meters.Of(ProgressiveDeliveryTelemetry.RequestDurationInstrument).ToList();
        Assert.Equal(4, durations.Count); // two requests x (on-flag, checkout): the histogram's count is the request count
        Assert.Equal(2, durations.Count(m => m.Tags.GetValueOrDefault(ProgressiveDeliveryTelemetry.ErrorTypeTag) == "503"));
        Assert.Contains(durations, m => m.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag] == "on-flag" && m.Tags[ProgressiveDeliveryTelemetry.VariantTag] == "on");
        Assert.DoesNotContain(meters.Measurements, m => m.Instrument.Name == "progressive_delivery.requests");
        Assert.All(durations, m => Assert.Equal("s", m.Instrument.Unit));
        Assert.All(durations, m => Assert.InRange(m.Value, 0, 60));

        Assert.DoesNotContain(meters.Measurements, m => m.Tags.Values.Contains("t1"));

        // Cumulative: the next collection reports the running total.
        await app.Client.SendAsync(Requests.Get("/ok", "t1"));
        meters.Observe();
        Assert.Equal(3, meters.Of(ProgressiveDeliveryTelemetry.EvaluationsInstrument).Last(m => m.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag] == "checkout").Value);
    }

    [Fact]
    public async Task Outcomes_ServerErrorAndException_AreFailures_AndTheExceptionPropagates()
    {
        var recorder = new RecordingOutcomeRecorder();
        await using var app = await StartAsync(recorder);
        using var meters = new MeterCollector(app.Services.GetRequiredService<IMeterFactory>());

        await app.Client.SendAsync(Requests.Get("/ok", "u"));
        await app.Client.SendAsync(Requests.Get("/fail", "u"));
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Client.SendAsync(Requests.Get("/throw", "u")));

        Assert.Equal("boom", thrown.Message);
        var onFlag = recorder.Records.Where(r => r.Flag == "on-flag").ToList();
        Assert.Equal(3, onFlag.Count);
        Assert.Equal(new[] { false, true, true }, onFlag.Select(r => r.Outcome.Failed).ToArray());
        Assert.All(onFlag, r => Assert.InRange(r.Outcome.DurationSeconds, 0, 60));
        Assert.Equal(3, recorder.Records.Count(r => r.Flag == "checkout" && r.Variant == "control"));
        Assert.Contains(meters.Of(ProgressiveDeliveryTelemetry.RequestDurationInstrument),
            m => m.Tags.GetValueOrDefault(ProgressiveDeliveryTelemetry.ErrorTypeTag) == typeof(InvalidOperationException).FullName);
    }

    [Fact]
    public async Task Outcomes_CarryTheUnitTheMiddlewareResolved()
    {
        var recorder = new RecordingOutcomeRecorder();
        await using var app = await StartAsync(recorder);

        await app.Client.SendAsync(Requests.Get("/ok", "alice"));
        await app.Client.SendAsync(Requests.Get("/ok", "bob"));

        var units = recorder.Records.Where(r => r.Flag == "on-flag").Select(r => r.Unit).ToArray();
        Assert.Equal(new[] { UnitKey.FromId("alice"), UnitKey.FromId("bob") }, units);
    }

    [Fact]
    public async Task Outcomes_ClosedGateAndMeasuredFlag_AreRecordedPerVariant()
    {
        var recorder = new RecordingOutcomeRecorder();
        await using var app = await StartAsync(recorder);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Requests.Get("/closed", "u"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Requests.Get("/plain", "t1"))).StatusCode);

        Assert.Contains(recorder.Records, r => r.Flag == "off-flag" && r.Variant == "off" && !r.Outcome.Failed);
        Assert.Contains(recorder.Records, r => r.Flag == "checkout" && r.Variant == "treatment" && r.Reason == "targeting_match");
    }
}
