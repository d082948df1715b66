using System;
using System.Collections.Generic;
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
        using var evaluationCounts = app.Collect<long>(ProgressiveDeliveryTelemetry.EvaluationsInstrument);
        using var requestDurations = app.Collect<double>(ProgressiveDeliveryTelemetry.RequestDurationInstrument);
        using var requests = app.Collect<long>("progressive_delivery.requests");

        await app.Client.SendAsync(Requests.Get("/ok", "t1"));
        await app.Client.SendAsync(Requests.Get("/fail", "t1"));

        // Evaluations are counted in process and observed when the listener collects: cumulative, one point per tag set.
        Assert.Empty(evaluationCounts.GetMeasurementSnapshot());
        evaluationCounts.RecordObservableInstruments();
        var evaluations = evaluationCounts.GetMeasurementSnapshot();
        Assert.Equal("{evaluation}", evaluationCounts.Instrument!.Unit);
        var checkout = Assert.Single(evaluations, m => m.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag] is "checkout");
        Assert.Equal("treatment", checkout.Tags[ProgressiveDeliveryTelemetry.VariantTag]);
        Assert.Equal("targeting_match", checkout.Tags[ProgressiveDeliveryTelemetry.ReasonTag]);
        Assert.Equal(2, checkout.Value); // two requests, one evaluation of checkout each

        var durations = requestDurations.GetMeasurementSnapshot();
        Assert.Equal(4, durations.Count); // two requests x (on-flag, checkout): the histogram's count is the request count
        Assert.Equal(2, durations.Count(m => m.Tags.GetValueOrDefault(ProgressiveDeliveryTelemetry.ErrorTypeTag) is "503"));
        Assert.Contains(durations, m => m.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag] is "on-flag" && m.Tags[ProgressiveDeliveryTelemetry.VariantTag] is "on");
        Assert.Null(requests.Instrument); // no separate request counter
        Assert.Equal("s", requestDurations.Instrument!.Unit);
        Assert.All(durations, m => Assert.InRange(m.Value, 0, 60));

        Assert.DoesNotContain(evaluations, m => m.Tags.Values.Contains("t1"));
        Assert.DoesNotContain(durations, m => m.Tags.Values.Contains("t1"));

        // Cumulative: the next collection reports the running total.
        await app.Client.SendAsync(Requests.Get("/ok", "t1"));
        evaluationCounts.RecordObservableInstruments();
        Assert.Equal(3, evaluationCounts.GetMeasurementSnapshot().Last(m => m.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag] is "checkout").Value);
    }

    [Fact]
    public async Task Outcomes_ServerErrorAndException_AreFailures_AndTheExceptionPropagates()
    {
        var recorder = new RecordingOutcomeRecorder();
        await using var app = await StartAsync(recorder);
        using var requestDurations = app.Collect<double>(ProgressiveDeliveryTelemetry.RequestDurationInstrument);

        await app.Client.SendAsync(Requests.Get("/ok", "u"));
        await app.Client.SendAsync(Requests.Get("/fail", "u"));
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Client.SendAsync(Requests.Get("/throw", "u")));

        Assert.Equal("boom", thrown.Message);
        var onFlag = recorder.Records.Where(r => r.Flag == "on-flag").ToList();
        Assert.Equal(3, onFlag.Count);
        Assert.Equal(new[] { false, true, true }, onFlag.Select(r => r.Outcome.Failed).ToArray());
        Assert.All(onFlag, r => Assert.InRange(r.Outcome.DurationSeconds, 0, 60));
        Assert.Equal(3, recorder.Records.Count(r => r.Flag == "checkout" && r.Variant == "control"));
        Assert.Contains(requestDurations.GetMeasurementSnapshot(),
            m => m.Tags.GetValueOrDefault(ProgressiveDeliveryTelemetry.ErrorTypeTag) as string == typeof(InvalidOperationException).FullName);
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
