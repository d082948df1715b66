using System.Collections.Generic;
using System.Globalization;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// The sequential mode's decision rules, applied in order (the first that holds decides):
/// 1. a critical or ordinary metric failed: Rollback (<c>metric_failed</c>);
/// 2. sample-ratio mismatch: Pause (<c>srm</c>);
/// 3. a signal-only metric failed: Pause (<c>signal_failed</c>);
/// 4. a critical metric could not be evaluated: Pause (<c>metric_error</c>);
/// 5. the no-data limit was reached: Pause (<c>no_data</c>);
/// 6. every non-muted metric passed: Promote (<c>all_metrics_pass</c>);
/// 7. the maximum duration was reached: Pause (<c>inconclusive</c>);
/// 8. otherwise Continue (<c>no_data</c> while the canary has no exposure at all, else <c>collecting</c>).
/// Muted metrics never take part. No data never leads to a rollback: a metric without data is never a failure.
/// </summary>
internal static class DecisionRules
{
    public static DecisionOutcome Decide(IReadOnlyList<MetricEvidence> metrics, HealthEvidence health, bool maximumDurationReached)
    {
        var failed = Collect(metrics, static m => IsFailure(m.Result) && !m.SignalOnly);
        if (failed.Count > 0)
        {
            return new DecisionOutcome(JudgeDecision.Rollback, JudgeReasons.MetricFailed, $"Canary proven worse on {Join(failed)}.");
        }

        if (health.SampleRatioMismatch)
        {
            return new DecisionOutcome(
                JudgeDecision.Pause,
                JudgeReasons.SampleRatioMismatch,
                $"Unhealthy assignment: canary share {health.ObservedCanaryShare:P2} of exposures, {health.ExpectedCanaryShare:P2} expected (sequential SRM p = {health.SrmSequentialPValue:G3}, chi-square p = {health.SrmChiSquarePValue:G3}).");
        }

        var signals = Collect(metrics, static m => IsFailure(m.Result) && m.SignalOnly);
        if (signals.Count > 0)
        {
            return new DecisionOutcome(JudgeDecision.Pause, JudgeReasons.SignalFailed, $"Signal-only metric(s) proven worse: {Join(signals)}.");
        }

        var errors = Collect(metrics, static m => m.Result == MetricResult.Error && m.Critical);
        if (errors.Count > 0)
        {
            return new DecisionOutcome(JudgeDecision.Pause, JudgeReasons.MetricError, $"Critical metric(s) could not be evaluated: {Join(errors)}.");
        }

        if (health.NoDataLimitReached)
        {
            return new DecisionOutcome(
                JudgeDecision.Pause,
                JudgeReasons.NoData,
                $"No new canary exposure for {health.TimeWithoutCanaryData} ({health.LooksWithoutCanaryData} look(s)).");
        }

        var deciding = 0;
        var passed = 0;
        for (var i = 0; i < metrics.Count; i++)
        {
            if (!metrics[i].Muted)
            {
                deciding++;
                if (metrics[i].Result == MetricResult.Pass)
                {
                    passed++;
                }
            }
        }

        if (deciding > 0 && passed == deciding)
        {
            return new DecisionOutcome(JudgeDecision.Promote, JudgeReasons.AllMetricsPass, $"All {deciding} deciding metric(s) proven inside their margins.");
        }

        if (maximumDurationReached)
        {
            return new DecisionOutcome(JudgeDecision.Pause, JudgeReasons.Inconclusive, $"Only {passed} of {deciding} deciding metric(s) proven inside their margins within the maximum duration.");
        }

        return health.CanaryHasData
            ? new DecisionOutcome(JudgeDecision.Continue, JudgeReasons.Collecting, $"{passed} of {deciding} deciding metric(s) proven inside their margins; collecting.")
            : new DecisionOutcome(JudgeDecision.Continue, JudgeReasons.NoData, "The canary has no exposure yet; waiting for data.");
    }

    internal static bool IsFailure(MetricResult result) => result is MetricResult.FailHigher or MetricResult.FailLower;

    private static List<MetricEvidence> Collect(IReadOnlyList<MetricEvidence> metrics, System.Func<MetricEvidence, bool> predicate)
    {
        var list = new List<MetricEvidence>();
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            if (!metric.Muted && predicate(metric))
            {
                list.Add(metric);
            }
        }

        // Critical metrics first, so that the message leads with what forced the decision.
        list.Sort(static (a, b) => b.Critical.CompareTo(a.Critical));
        return list;
    }

    private static string Join(List<MetricEvidence> metrics)
    {
        var parts = new string[metrics.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var m = metrics[i];
            var direction = m.Result == MetricResult.FailLower ? "lower" : m.Result == MetricResult.FailHigher ? "higher" : m.Result.ToString();
            var critical = m.Critical ? "critical " : string.Empty;
            // Invariant culture: the message goes to logs and the audit log. Mean metrics are decided by a confidence
            // sequence and have no p-value, so none is printed for them.
            var p = double.IsNaN(m.PValue) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", p = {m.PValue:G3}");
            parts[i] = string.Create(CultureInfo.InvariantCulture, $"{critical}'{m.Name}' ({direction}, relative effect {m.EffectRelative * 100:+0.0;-0.0;0.0}%{p})");
        }

        return string.Join(", ", parts);
    }
}
