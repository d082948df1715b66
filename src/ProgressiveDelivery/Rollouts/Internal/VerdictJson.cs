using System.Buffers;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// A judge verdict as JSON: the evidence of an audit entry and of the read model. Numbers that are not finite (NaN
/// before a test has data) are left out.
/// </summary>
internal static class VerdictJson
{
    public static JsonElement ToElement(JudgeVerdict verdict)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, verdict);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static void Write(Utf8JsonWriter writer, JudgeVerdict verdict)
    {
        writer.WriteStartObject();
        writer.WriteString("decision", Name(verdict.Decision));
        writer.WriteString("reason", verdict.Reason);
        writer.WriteString("message", verdict.Message);
        writer.WriteNumber("look", verdict.Look);
        writer.WriteString("timestamp", verdict.Timestamp);
        writer.WriteNumber("elapsedSeconds", verdict.Elapsed.TotalSeconds);
        if (verdict.Score is { } score)
        {
            Number(writer, "score", score);
        }

        writer.WriteStartArray("metrics");
        foreach (var metric in verdict.Metrics)
        {
            writer.WriteStartObject();
            writer.WriteString("name", metric.Name);
            writer.WriteString("result", metric.Result.ToString());
            writer.WriteString("rule", metric.Rule);
            writer.WriteString("test", metric.Test);
            writer.WriteString("unitOfAnalysis", metric.UnitOfAnalysis == UnitOfAnalysis.Unit ? "unit" : "request");
            writer.WriteString("scale", metric.Scale);
            Number(writer, "statistic", metric.Statistic);
            Number(writer, "pValue", metric.PValue);
            Number(writer, "lowerBound", metric.LowerBound);
            Number(writer, "upperBound", metric.UpperBound);
            Number(writer, "effectAbsolute", metric.EffectAbsolute);
            Number(writer, "effectRelative", metric.EffectRelative);
            Number(writer, "baselineEstimate", metric.BaselineEstimate);
            Number(writer, "canaryEstimate", metric.CanaryEstimate);
            writer.WriteNumber("baselineCount", metric.BaselineCount);
            writer.WriteNumber("canaryCount", metric.CanaryCount);
            Number(writer, "effectiveCount", metric.EffectiveCount);
            Number(writer, "alpha", metric.Alpha);
            Number(writer, "margin", metric.Margin);
            if (metric.Message is not null)
            {
                writer.WriteString("message", metric.Message);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var health = verdict.Health;
        writer.WriteStartObject("health");
        writer.WriteNumber("baselineExposures", health.BaselineExposures);
        writer.WriteNumber("canaryExposures", health.CanaryExposures);
        writer.WriteString("srmCounts", health.UnitOfAnalysis == UnitOfAnalysis.Unit ? "units" : "requests");
        if (health.UnitOfAnalysis == UnitOfAnalysis.Unit)
        {
            writer.WriteNumber("baselineUnits", health.BaselineUnits);
            writer.WriteNumber("canaryUnits", health.CanaryUnits);
        }

        Number(writer, "expectedCanaryShare", health.ExpectedCanaryShare);
        Number(writer, "observedCanaryShare", health.ObservedCanaryShare);
        Number(writer, "srmSequentialPValue", health.SrmSequentialPValue);
        Number(writer, "srmChiSquarePValue", health.SrmChiSquarePValue);
        writer.WriteBoolean("sampleRatioMismatch", health.SampleRatioMismatch);
        writer.WriteBoolean("noDataLimitReached", health.NoDataLimitReached);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string Name(JudgeDecision decision) => decision switch
    {
        JudgeDecision.Promote => "promote",
        JudgeDecision.Pause => "pause",
        JudgeDecision.Rollback => "rollback",
        _ => "continue",
    };

    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
    }
}
