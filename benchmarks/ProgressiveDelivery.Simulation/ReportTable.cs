using System;
using System.Globalization;
using System.Text;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Simulation;

/// <summary>Formats simulation outcomes as markdown table rows.</summary>
internal static class ReportTable
{
    public const string Header =
        "| Scenario | Judge | Runs | Looks | Rollback rate [95% CI] | Median min to rollback | 90th pct | Rolled back <= 4 h | Promoted (median min) | First pause: reason (runs) |\n" +
        "|---|---|---:|---:|---|---:|---:|---:|---|---|";

    public static string Judge(TrafficScenario scenario, string judge, RunOutcome[] outcomes, int index)
    {
        int Rollback(RunOutcome o) => o.Judges[index].RollbackMinute;
        int Promote(RunOutcome o) => o.Judges[index].PromoteMinute;
        var pauses = new StringBuilder();
        var reasons = new System.Collections.Generic.SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (outcome.Judges[index].FirstPauseReason is { } reason)
            {
                reasons[reason] = reasons.TryGetValue(reason, out var n) ? n + 1 : 1;
            }
        }

        foreach (var (reason, count) in reasons)
        {
            pauses.Append(CultureInfo.InvariantCulture, $"{reason} ({count}) ");
        }

        var promoted = OutcomeStatistics.Count(outcomes, Promote);
        var promotedText = promoted == 0 ? "0" : $"{Percent(promoted, outcomes.Length)} ({Minutes(OutcomeStatistics.Quantile(outcomes, Promote, 0.5 * promoted / outcomes.Length))})";
        return Row(scenario, judge, outcomes, Rollback, promotedText, pauses.Length == 0 ? "-" : pauses.ToString().Trim());
    }

    public static string Naive(TrafficScenario scenario, RunOutcome[] outcomes) =>
        Row(scenario, "naive 5% test every minute", outcomes, static o => o.NaiveRejectMinute, "-", "-");

    private static string Row(TrafficScenario scenario, string judge, RunOutcome[] outcomes, Func<RunOutcome, int> minute, string promoted, string pauses)
    {
        var n = outcomes.Length;
        var rolledBack = OutcomeStatistics.Count(outcomes, minute);
        var (lower, upper) = OutcomeStatistics.Wilson(rolledBack, n);
        var within = OutcomeStatistics.Count(outcomes, minute, 240);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {scenario.Name} | {judge} | {n} | {scenario.Minutes} | {Percent(rolledBack, n)} [{lower:P1}, {upper:P1}] | {Minutes(OutcomeStatistics.Quantile(outcomes, minute, 0.5))} | {Minutes(OutcomeStatistics.Quantile(outcomes, minute, 0.9))} | {Percent(within, n)} | {promoted} | {pauses} |");
    }

    private static string Percent(int count, int total) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / total:F1}%");

    private static string Minutes(double minutes) =>
        double.IsPositiveInfinity(minutes) ? "never" : minutes.ToString("F0", CultureInfo.InvariantCulture);
}
