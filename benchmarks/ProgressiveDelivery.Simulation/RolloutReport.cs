using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;
using ProgressiveDelivery.Tests.Rollouts.Simulation;

namespace ProgressiveDelivery.Simulation;

/// <summary>
/// The rollout simulation report (benchmarks/results/rollouts-simulation.md): the canary preset run fixed (bakes always
/// run out) and adaptive (a bake ends on the judge's Promote), on healthy and regressed canaries.
/// </summary>
internal static class RolloutReport
{
    public static int Run(int runs, int threads, int seed, string? output)
    {
        var document = new ReportDocument("Rollouts: adaptive versus fixed bakes (simulation report)", "rollouts ", runs, threads, seed, output);
        var report = document.Text;
        report.AppendLine("Each run drives the real `RolloutController` and `CanaryJudge` (the rollout default judge: `errors` count rate, critical, promotable");
        report.AppendLine("within a rate ratio of 1.5; `latency` mean of ln(duration), promotable within 10%; alpha 0.025 per metric, so 0.05 for the rollout; other `JudgeOptions` defaults) through the");
        report.AppendLine("**canary preset**: 1, 5, 10, 25, 50% with a 10-minute bake at each (60-minute where stated), then 100%. Each simulated minute the requests split between the");
        report.AppendLine("arms by the weight in force (binomial), errors are binomial (baseline 0.5%), latency is lognormal (median 50 ms, sd 1 in log space),");
        report.AppendLine("the judge looks once with that weight as the canary share, and the controller ticks. **Fixed**: every bake runs its full time.");
        report.AppendLine("**Adaptive**: a bake ends as soon as the judge says Promote on data from that step, after the 1-minute minimum bake (bakes become maximums).");
        report.AppendLine("Background analysis is on in both (a Rollback verdict rolls back at any step). Run `r` draws from `new Random(seed + r)`.");
        report.AppendLine();
        report.AppendLine("| Scenario | Mode | Runs | Promoted | Rolled back [95% CI] | Paused | Median min to end | 90th pct | Min / max |");
        report.AppendLine("|---|---|---:|---:|---|---:|---:|---:|---|");
        var summaries = new List<string>();
        foreach (var scenario in Scenarios())
        {
            var fixedOutcomes = Section(report, scenario.WithAdaptive(false), "fixed", runs, seed, threads);
            var adaptiveOutcomes = Section(report, scenario.WithAdaptive(true), "adaptive", runs, seed, threads);
            summaries.Add(Summary(scenario, fixedOutcomes, adaptiveOutcomes));
        }

        report.AppendLine();
        report.AppendLine("\"Median min to end\" is the minute the rollout was promoted (healthy scenarios) or ended (rolled back, paused or promoted) in the regressed ones.");
        report.AppendLine("In a regressed scenario, Promoted means the regression escaped to 100%.");
        report.AppendLine();
        report.AppendLine("## Reading");
        report.AppendLine();
        foreach (var line in summaries)
        {
            report.AppendLine("- " + line);
        }

        return document.Finish();
    }

    private static RolloutScenario[] Scenarios() =>
    [
        new() { Name = "healthy, 1,000 req/min" },
        new() { Name = "healthy, 10,000 req/min", RequestsPerMinute = 10_000 },
        new() { Name = "errors x2, 1,000 req/min", CanaryErrorRate = 0.01 },
        new() { Name = "errors x2, 10,000 req/min", RequestsPerMinute = 10_000, CanaryErrorRate = 0.01 },
        new() { Name = "latency +20%, 1,000 req/min", CanaryLatencyLogShift = Math.Log(1.2) },
        new() { Name = "latency +20%, 10,000 req/min", RequestsPerMinute = 10_000, CanaryLatencyLogShift = Math.Log(1.2) },
        new() { Name = "healthy, 1,000 req/min, 60-min bakes", Plan = static () => RolloutPlan.Canary(TimeSpan.FromMinutes(60)) },
        new() { Name = "errors x2, 1,000 req/min, 60-min bakes", Plan = static () => RolloutPlan.Canary(TimeSpan.FromMinutes(60)), CanaryErrorRate = 0.01 },
    ];

    private static RolloutRunOutcome[] Section(StringBuilder report, RolloutScenario scenario, string mode, int runs, int seed, int threads)
    {
        var watch = Stopwatch.StartNew();
        var outcomes = RolloutSimulator.RunMany(scenario, runs, seed, threads);
        int promoted = Count(outcomes, RolloutStatus.Promoted), rolledBack = Count(outcomes, RolloutStatus.RolledBack), paused = Count(outcomes, RolloutStatus.Paused);
        var (lower, upper) = OutcomeStatistics.Wilson(rolledBack, runs);
        var minutes = EndMinutes(outcomes, scenario.Regressed ? null : RolloutStatus.Promoted);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {scenario.Name} | {mode} | {runs} | {Percent(promoted, runs)} | {Percent(rolledBack, runs)} [{100 * lower:F1}%, {100 * upper:F1}%] | {Percent(paused, runs)} | {Quantile(minutes, 0.5)} | {Quantile(minutes, 0.9)} | {Range(minutes)} |");
        Console.Error.WriteLine($"{scenario.Name} {mode}: {watch.Elapsed.TotalSeconds:F1} s");
        return outcomes;
    }

    private static string Summary(RolloutScenario scenario, RolloutRunOutcome[] fixedOutcomes, RolloutRunOutcome[] adaptiveOutcomes)
    {
        var status = scenario.Regressed ? (RolloutStatus?)null : RolloutStatus.Promoted;
        var fixedMinutes = EndMinutes(fixedOutcomes, status);
        var adaptiveMinutes = EndMinutes(adaptiveOutcomes, status);
        var what = scenario.Regressed ? "time to the end" : "time to 100%";
        return string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}: median {what} {Quantile(fixedMinutes, 0.5)} min fixed vs {Quantile(adaptiveMinutes, 0.5)} min adaptive (p90 {Quantile(fixedMinutes, 0.9)} vs {Quantile(adaptiveMinutes, 0.9)}); rolled back {Percent(Count(fixedOutcomes, RolloutStatus.RolledBack), fixedOutcomes.Length)} fixed vs {Percent(Count(adaptiveOutcomes, RolloutStatus.RolledBack), adaptiveOutcomes.Length)} adaptive; promoted {Percent(Count(fixedOutcomes, RolloutStatus.Promoted), fixedOutcomes.Length)} vs {Percent(Count(adaptiveOutcomes, RolloutStatus.Promoted), adaptiveOutcomes.Length)}.");
    }

    private static int Count(RolloutRunOutcome[] outcomes, RolloutStatus status)
    {
        var count = 0;
        foreach (var outcome in outcomes)
        {
            count += outcome.Status == status ? 1 : 0;
        }

        return count;
    }

    private static List<int> EndMinutes(RolloutRunOutcome[] outcomes, RolloutStatus? status)
    {
        var minutes = new List<int>();
        foreach (var outcome in outcomes)
        {
            if (status is null || outcome.Status == status)
            {
                minutes.Add(outcome.Minute);
            }
        }

        minutes.Sort();
        return minutes;
    }

    private static string Quantile(List<int> sorted, double q) =>
        sorted.Count == 0 ? "-" : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)].ToString(CultureInfo.InvariantCulture);

    private static string Range(List<int> sorted) =>
        sorted.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{sorted[0]} / {sorted[^1]}");

    private static string Percent(int count, int runs) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / runs:F1}%");
}
