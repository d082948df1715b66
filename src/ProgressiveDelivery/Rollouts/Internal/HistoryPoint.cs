using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// One point of a <see cref="RolloutHistory"/>: a look of the judge and/or a transition, as the JSON served and stored,
/// with the fields downsampling needs.
/// </summary>
internal readonly record struct HistoryPoint(DateTimeOffset Time, int WeightBasisPoints, string Status, int Attempt, JsonElement Json)
{
    /// <summary>Whether the weight, status or attempt differ from <paramref name="previous"/>'s (a point downsampling keeps).</summary>
    public bool ChangesFrom(HistoryPoint previous) =>
        WeightBasisPoints != previous.WeightBasisPoints || Attempt != previous.Attempt || !string.Equals(Status, previous.Status, StringComparison.Ordinal);

    /// <summary>
    /// <c>{"timestamp", "weightPercent", "status", "attempt", "stepIndex", "action"?, "reason"?, "decision"?, "srmPValue"?,
    /// "arms"?: {"baseline"|"canary": {"exposures", "errors", "errorRate"?, "latencyP50Seconds"?, "latencyP95Seconds"?}},
    /// "metrics"?: [{"name", "result", "scale", "effect"?, "lower"?, "upper"?, "tolerance"?}]}</c>; the state is the one
    /// after the transition, the look's fields are the judge's at that time. Numbers have 4 significant digits; those not finite are left out.
    /// </summary>
    /// <param name="time">The look's time, or the transition's.</param>
    /// <param name="state">The rollout's state after the look or transition.</param>
    /// <param name="verdict">The judge's verdict of the look, or <see langword="null"/> for a transition alone.</param>
    /// <param name="baseline">The baseline arm's observations the judge looked at.</param>
    /// <param name="canary">The canary arm's observations the judge looked at.</param>
    /// <param name="transition">The transition made, or <see langword="null"/>.</param>
    /// <param name="logLatency">Whether the arms' latency summaries hold log seconds (turned back into seconds here).</param>
    public static HistoryPoint Create(DateTimeOffset time, RolloutState state, JudgeVerdict? verdict, ArmSummary? baseline, ArmSummary? canary, RolloutTransition? transition, bool logLatency = false)
    {
        var status = JsonNamingPolicy.SnakeCaseLower.ConvertName(state.Status.ToString()); // as the admin API names it: rolled_back
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", time);
            writer.WriteNumber("weightPercent", state.WeightPercent);
            writer.WriteString("status", status);
            writer.WriteNumber("attempt", state.Attempt);
            writer.WriteNumber("stepIndex", state.StepIndex);
            if (transition is not null)
            {
                writer.WriteString("action", transition.Action);
                writer.WriteString("reason", transition.Reason);
            }

            if (verdict is not null)
            {
                WriteLook(writer, verdict, baseline, canary, logLatency);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new HistoryPoint(time, state.WeightBasisPoints, status, state.Attempt, document.RootElement.Clone());
    }

    /// <exception cref="FormatException">The point lacks its time, weight, status or attempt.</exception>
    public static HistoryPoint FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("timestamp", out var time) || !json.TryGetProperty("weightPercent", out var weight)
            || !json.TryGetProperty("status", out var status) || !json.TryGetProperty("attempt", out var attempt))
        {
            throw new FormatException("A rollout history point needs \"timestamp\", \"weightPercent\", \"status\" and \"attempt\".");
        }

        return new HistoryPoint(time.GetDateTimeOffset(), (int)Math.Round(weight.GetDouble() * 100), status.GetString() ?? string.Empty, attempt.GetInt32(), json);
    }

    private static void WriteLook(Utf8JsonWriter writer, JudgeVerdict verdict, ArmSummary? baseline, ArmSummary? canary, bool logLatency)
    {
        writer.WriteString("decision", VerdictJson.Name(verdict.Decision));
        Number(writer, "srmPValue", verdict.Health.SrmSequentialPValue);
        if (baseline is not null && canary is not null)
        {
            writer.WriteStartObject("arms");
            WriteArm(writer, "baseline", baseline, logLatency);
            WriteArm(writer, "canary", canary, logLatency);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("metrics");
        foreach (var metric in verdict.Metrics)
        {
            writer.WriteStartObject();
            writer.WriteString("name", metric.Name);
            writer.WriteString("result", metric.Result.ToString());
            writer.WriteString("scale", metric.Scale);
            var effect = metric.Scale == EffectScales.LogRatio ? Math.Log(1 + metric.EffectRelative) : metric.EffectAbsolute;
            Number(writer, "effect", effect);
            Number(writer, "lower", metric.LowerBound);
            Number(writer, "upper", metric.UpperBound);
            Number(writer, "tolerance", metric.Margin);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteArm(Utf8JsonWriter writer, string name, ArmSummary arm, bool logLatency)
    {
        var errors = arm.GetCount(RolloutMetrics.Errors);
        writer.WriteStartObject(name);
        writer.WriteNumber("exposures", arm.Exposures);
        writer.WriteNumber("errors", errors);
        if (arm.Exposures > 0)
        {
            Number(writer, "errorRate", (double)errors / arm.Exposures);
        }

        var latency = arm.GetValues(RolloutMetrics.Latency);
        if (latency.Count > 0 && latency.Histogram is { } histogram)
        {
            // The log is monotonic, so the quantile of log seconds is the log of the quantile.
            Number(writer, "latencyP50Seconds", logLatency ? Math.Exp(histogram.Quantile(0.5)) : histogram.Quantile(0.5));
            Number(writer, "latencyP95Seconds", logLatency ? Math.Exp(histogram.Quantile(0.95)) : histogram.Quantile(0.95));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a finite number to 4 significant digits (plenty for a plot; keeps a point a few hundred bytes).</summary>
    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
    }
}
