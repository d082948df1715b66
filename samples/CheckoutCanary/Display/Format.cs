using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CheckoutCanary.Fleet;
using CheckoutCanary.Run;

namespace CheckoutCanary.Display;

/// <summary>Number formats shared by the live table, the plain lines and the summary.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", Invariant) + " s";

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Rate(double value) => double.IsNaN(value) ? "-" : (value * 100).ToString("0.00", Invariant) + "%";

    public static string Milliseconds(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0", Invariant) + " ms";

    public static string Percent(double value) => value.ToString("0.##", Invariant) + "%";

    /// <summary>A metric's two estimates in the metric's own terms: error rates, or latency as a geometric mean.</summary>
    public static string Estimate(MetricSummary metric, double estimate, long count) => metric.Name switch
    {
        _ when double.IsNaN(estimate) || count == 0 => "-",
        "errors" => Rate(estimate),
        "latency" => Milliseconds(Math.Exp(estimate) * 1000), // the mean of ln(seconds): its exp is the geometric mean
        _ => estimate.ToString("G4", Invariant),
    };

    /// <summary>The canary's difference from stable, relative.</summary>
    public static string Effect(MetricSummary metric) =>
        double.IsNaN(metric.EffectRelative) || metric.BaselineCount == 0 || metric.CanaryCount == 0 ? "-" : (metric.EffectRelative >= 0 ? "+" : "") + (metric.EffectRelative * 100).ToString("0.0", Invariant) + "%";

    /// <summary>
    /// The judge's evidence for a metric in readable terms: the anytime-valid p-value where the test has one (errors:
    /// the count test's 1/Bayes factor), and the confidence sequence on the difference: errors in percentage points,
    /// latency (a difference of mean logarithms) as the ratio of geometric means.
    /// </summary>
    public static string Evidence(MetricSummary metric)
    {
        var parts = new List<string>(2);
        if (!double.IsNaN(metric.PValue))
        {
            parts.Add("p = " + metric.PValue.ToString(metric.PValue < 0.001 ? "0.0e0" : "0.000", Invariant));
        }

        if (!double.IsNaN(metric.LowerBound) || !double.IsNaN(metric.UpperBound))
        {
            // The bounds the decision used, on their own scale: canary/baseline for log ratios (error rates and
            // latency), canary - baseline otherwise.
            parts.Add(metric.Scale == "log_ratio"
                ? "ratio in [" + Ratio(metric.LowerBound) + ", " + Ratio(metric.UpperBound) + "]"
                : metric.Name == "errors"
                    ? "difference in [" + Signed(metric.LowerBound * 100, " pp") + ", " + Signed(metric.UpperBound * 100, " pp") + "]"
                    : "[" + Signed(metric.LowerBound, "") + ", " + Signed(metric.UpperBound, "") + "]");
        }

        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    /// <summary>A metric's result in words: pass, fail (higher), inconclusive, ...</summary>
    public static string Result(string result) => result switch
    {
        "FailHigher" => "fail (higher)",
        "FailLower" => "fail (lower)",
        "NoData" => "no data",
        _ => result.ToLowerInvariant(),
    };

    private static string Signed(double value, string unit) =>
        double.IsNaN(value) ? "?" : double.IsInfinity(value) ? (value > 0 ? "+inf" : "-inf") : (value >= 0 ? "+" : "") + value.ToString("0.##", Invariant) + unit;

    private static string Ratio(double logDifference) =>
        double.IsNaN(logDifference) ? "?" : double.IsInfinity(logDifference) ? (logDifference > 0 ? "inf" : "0") : "x" + Math.Exp(logDifference).ToString("0.00", Invariant);

    /// <summary>One line for a snapshot (plain output, and the test log).</summary>
    public static string Line(DemoSnapshot s)
    {
        var verdict = s.Verdict is { } v ? $"judge {v.Decision} ({v.Reason})" : "judge: no look yet";
        return $"[{Seconds(s.Elapsed),7}] {s.Rollout.State} | stable {Count(s.Stable.Requests)} req {Rate(s.Stable.ErrorRate)} err p50 {Milliseconds(s.Stable.P50Milliseconds)}"
            + $" | canary {Count(s.Canary.Requests)} req {Rate(s.Canary.ErrorRate)} err p50 {Milliseconds(s.Canary.P50Milliseconds)} | {verdict}"
            + (s.Replicas.Count == 0 ? "" : " | replicas " + string.Join(", ", s.Replicas.Select(Replica)));
    }

    /// <summary>A replica in a few words: <c>replica-2 20% v7 lease</c> (weight it serves, stored version it applied, whether it decides).</summary>
    public static string Replica(ReplicaStatus r) =>
        r.Error is not null ? $"{r.ReplicaId} unreachable" : $"{r.ReplicaId} {Percent(r.WeightPercent)} v{r.Version.ToString(Invariant)}{(r.HoldsLease ? " lease" : "")}";
}
