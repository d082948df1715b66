using System.Collections.Generic;
using System.Text.Json;

namespace CheckoutCanary.Run;

/// <summary>The judge's last verdict, read from the rollout's JSON evidence (what the admin endpoint shows too).</summary>
internal sealed record VerdictSummary(string Decision, string Reason, string Message, IReadOnlyList<MetricSummary> Metrics)
{
    public static VerdictSummary? From(JsonElement? verdict)
    {
        if (verdict is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        var metrics = new List<MetricSummary>();
        if (element.TryGetProperty("metrics", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var metric in array.EnumerateArray())
            {
                metrics.Add(new MetricSummary(
                    Text(metric, "name"), Text(metric, "result"), Number(metric, "baselineEstimate"), Number(metric, "canaryEstimate"),
                    Number(metric, "effectRelative"), Number(metric, "lowerBound"), Number(metric, "upperBound"),
                    Number(metric, "pValue"), Integer(metric, "baselineCount"), Integer(metric, "canaryCount"), Text(metric, "scale")));
            }
        }

        return new VerdictSummary(Text(element, "decision"), Text(element, "reason"), Text(element, "message"), metrics);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static long Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
}

/// <summary>One metric's evidence: pass / fail / inconclusive, the two arms' estimates and the interval.</summary>
internal sealed record MetricSummary(
    string Name, string Result, double BaselineEstimate, double CanaryEstimate, double EffectRelative,
    double LowerBound, double UpperBound, double PValue, long BaselineCount, long CanaryCount, string Scale = "difference");
