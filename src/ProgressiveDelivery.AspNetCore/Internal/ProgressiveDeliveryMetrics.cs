using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The instruments of the meter <see cref="ProgressiveDeliveryTelemetry.MeterName"/>. Tag values come from closed sets:
/// flag keys and variants from the definitions, reasons and error codes from <see cref="EvaluationNames"/>, HTTP status
/// codes and exception type names. A unit id is never a tag.
/// </summary>
internal sealed class ProgressiveDeliveryMetrics : IDisposable
{
    internal const string OverrideApplied = "applied";
    internal const string OverrideUnauthorized = "unauthorized";
    internal const string OverrideInvalid = "invalid";

    // One instrument per request, not a counter beside the histogram: a histogram's count is the number of requests
    // (as in OpenTelemetry's http.server.request.duration), and every instrument a listener records costs per request.
    private const string RequestDurationDescription = "Duration of requests served under a gated, routed or measured flag, by flag, variant and error type; its count is the number of such requests.";

    private static readonly string[] StatusCodeNames = CreateStatusCodeNames();

    private readonly Meter _meter;
    private readonly ObservableCounter<long> _evaluations;
    private readonly EvaluationCounts _evaluationCounts = new();
    private readonly Histogram<double> _requestDuration;
    private readonly IdentityCache<KeyValuePair<string, object?>[]> _requestTags = new();
    private readonly Counter<long> _overrides;

    public ProgressiveDeliveryMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(ProgressiveDeliveryTelemetry.MeterName);
        _evaluations = _meter.CreateObservableCounter(
            ProgressiveDeliveryTelemetry.EvaluationsInstrument, _evaluationCounts.Observe, "{evaluation}", "Flag evaluations, by flag, variant and reason.");
#if NET9_0_OR_GREATER
        _requestDuration = _meter.CreateHistogram<double>(
            ProgressiveDeliveryTelemetry.RequestDurationInstrument, "s", RequestDurationDescription,
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
#else
        _requestDuration = _meter.CreateHistogram<double>(ProgressiveDeliveryTelemetry.RequestDurationInstrument, "s", RequestDurationDescription);
#endif
        _overrides = _meter.CreateCounter<long>(
            ProgressiveDeliveryTelemetry.OverridesInstrument, "{override}", "Requests that carried flag overrides, by result (applied, unauthorized, invalid); counted only when an override policy is set.");
    }

    public void RecordEvaluation(in FlagEvaluation evaluation)
    {
        // Counted in process only while a listener has the instrument enabled; it reads the totals when it collects.
        if (_evaluations.Enabled)
        {
            _evaluationCounts.Increment(evaluation);
        }
    }

    public void RecordRequest(in FlagEvaluation evaluation, string? errorType, double durationSeconds)
    {
        if (!_requestDuration.Enabled)
        {
            return;
        }

        // The tags of a (flag, variant, error type) are built once and reused: filling a TagList per request cost more
        // than the recording itself.
        if (!_requestTags.TryGet(evaluation.FlagKey, evaluation.Variant, errorType, 0, out var tags))
        {
            tags = RequestTags(evaluation.FlagKey, evaluation.Variant, errorType);
            _requestTags.Set(evaluation.FlagKey, evaluation.Variant, errorType, 0, tags);
        }

        _requestDuration.Record(durationSeconds, new ReadOnlySpan<KeyValuePair<string, object?>>(tags));
    }

    public void RecordOverride(string result)
    {
        if (_overrides.Enabled)
        {
            _overrides.Add(1, new TagList { { ProgressiveDeliveryTelemetry.OverrideResultTag, result } });
        }
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] RequestTags(string flagKey, string? variant, string? errorType)
    {
        var tags = new List<KeyValuePair<string, object?>>(3) { new(ProgressiveDeliveryTelemetry.FlagKeyTag, flagKey) };
        if (variant is not null)
        {
            tags.Add(new(ProgressiveDeliveryTelemetry.VariantTag, variant));
        }

        if (errorType is not null)
        {
            tags.Add(new(ProgressiveDeliveryTelemetry.ErrorTypeTag, errorType));
        }

        return tags.ToArray();
    }

    /// <summary>The error type of a failed request: its 5xx status code as text (never built per call), or <see langword="null"/>.</summary>
    public static string? StatusErrorType(int statusCode) =>
        statusCode is >= 500 and <= 599 ? StatusCodeNames[statusCode - 500] : null;

    private static string[] CreateStatusCodeNames()
    {
        var names = new string[100];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = (500 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }
}
