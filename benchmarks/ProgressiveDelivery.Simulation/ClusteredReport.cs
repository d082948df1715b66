using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Simulation;

/// <summary>
/// The units simulation report (benchmarks/results/units-simulation.md): the default rollout judge by unit and by
/// request on clustered traffic (<see cref="ClusteredSimulator"/>): A/A false rollbacks and pauses, error and latency
/// regressions (with the fixed-horizon cluster-robust test beside them), and a canary that drops units. Every target is
/// checked from the measured numbers.
/// </summary>
internal static class ClusteredReport
{
    private static readonly string[] JudgeNames = ["unit", "request"];

    public static int Run(int runs, int threads, int seed, string? output)
    {
        var document = new ReportDocument("Canary judge on clustered traffic: units versus requests (simulation report)", "units ", runs, threads, seed, output);
        var context = new Context(document.Text, runs, threads, seed);
        Introduction(context.Report);
        AaSection(context);
        ErrorSection(context);
        LatencySection(context);
        DropSection(context);
        Summary(context);
        return document.Finish();
    }

    private static void Introduction(StringBuilder report)
    {
        report.AppendLine("Run `r` of a scenario draws everything from `new Random(seed + r)`: a population of units, each with a lognormal activity weight");
        report.AppendLine("(`exp(sd Z)`), a uniform assignment bucket (canary iff bucket < share in force), a random 32-bit analysis hash, optionally a *failing* flag");
        report.AppendLine("(its requests fail with probability 20% in both arms instead of the base 0.5%) and an offset of ln latency (`N(0, sd^2)`). Each minute");
        report.AppendLine("R ~ Poisson(rate) requests (rate 1,000/min unless stated; *diurnal*: `1 + 0.6 sin(2 pi t / 1440)`, max/min 4); each picks its unit by");
        report.AppendLine("activity (alias method), its arm by the unit's bucket, fails with its unit's probability, and has `ln latency = ln 0.05 + offset + N(0, 1)`.");
        report.AppendLine("*Outage*: 10 minutes from minute 181 in which every request of both arms also fails with probability 50% and is 3x slower.");
        report.AppendLine("*i.i.d.*: every request is a new unit (fresh hash and bucket). Each arm is recorded as the library records it: exposures, units first");
        report.AppendLine("seen (one `UnitSet` shared by the arms, so a unit counts once), error counts and the count and sum of ln latency per analysis cell");
        report.AppendLine("(`ArmSummary.FromCells`), plus request-level moments. (In i.i.d. mode the 2^18-slot `UnitSet` fills up within a few hours, as it would");
        report.AppendLine("in the library with that many distinct users; later units mostly collide and are not counted, in both arms alike.) Every minute both judges see the same input:");
        report.AppendLine("**unit** = `RolloutMetrics.CreateDefaultJudgeOptions()` (errors count rate, relative tolerance 0.5, critical; latency mean of ln duration,");
        report.AppendLine("tolerance 0.1; alpha 0.025 each; `UnitOfAnalysis.Unit`, the default); **request** = the same options with `UnitOfAnalysis = Request`.");
        report.AppendLine("**naive** = a two-sided 5% z-test (errors: pooled two proportions; latency: Welch) on the request-level totals at every minute.");
        report.AppendLine("A judge stops at its first rollback; it keeps being asked after a pause or a promotion (those are reported, not acted on).");
        report.AppendLine("Minutes are 1-based; \"never\" = the quantile run never had the event. Rates carry Wilson 95% intervals.");
        report.AppendLine();
    }

    private static void AaSection(Context context)
    {
        var report = context.Report;
        report.AppendLine("## A/A: false rollbacks and false pauses, judged every minute for 24 hours");
        report.AppendLine();
        report.AppendLine("10% canary of 1,000 req/min unless stated. *False pause*: any pause whose reason is not `no_data` (SRM pauses also separately).");
        report.AppendLine("Targets (unit judge): false rollback <= 5% and false pause <= 1% in every scenario.");
        report.AppendLine();
        report.AppendLine("| Scenario | Judge | Runs | False rollback [95% CI] | False pause [95% CI] | SRM pause | First pause: reason (runs) | Promoted | Targets |");
        report.AppendLine("|---|---|---:|---|---|---:|---|---:|---|");
        foreach (var scenario in ClusteredScenarios.AaScenarios(1440))
        {
            var outcomes = context.Simulate(scenario);
            var runs = ClusteredRunOutcome.Runs(outcomes);
            var n = runs.Length;
            for (var j = 0; j < JudgeNames.Length; j++)
            {
                var index = j;
                var rollbacks = OutcomeStatistics.Count(runs, o => o.Judges[index].RollbackMinute);
                var pauses = Count(outcomes, o => o.AlertPauseMinutes[index]);
                var srm = OutcomeStatistics.Count(runs, o => o.Judges[index].SrmPauseMinute);
                var promoted = OutcomeStatistics.Count(runs, o => o.Judges[index].PromoteMinute);
                var targets = "-";
                if (index == 0)
                {
                    var rollbackCheck = context.AtMost($"A/A {scenario.Name}: unit false rollback <= 5%", rollbacks, n, 0.05);
                    var pauseCheck = context.AtMost($"A/A {scenario.Name}: unit false pause <= 1%", pauses, n, 0.01);
                    targets = $"rollback {rollbackCheck}; pause {pauseCheck}";
                }

                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {scenario.Name} | {JudgeNames[index]} | {n} | {Rate(rollbacks, n)} | {Rate(pauses, n)} | {Percent(srm, n)} | {Reasons(runs, index)} | {Percent(promoted, n)} | {targets} |");
            }

            var naive = OutcomeStatistics.Count(runs, static o => o.NaiveRejectMinute);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Name} | naive 5% z every minute | {n} | {Rate(naive, n)} | - | - | - | - | - |");
        }

        report.AppendLine();
    }

    private static void ErrorSection(Context context)
    {
        var report = context.Report;
        report.AppendLine("## Error regression: canary errors 0.5% -> 1.0% (failing units stay at 20%), 10% canary of 1,000 req/min");
        report.AppendLine();
        report.AppendLine("Beside the judges: the **fixed-horizon** test that is possible on the same data, a one-sided delta-method z-test on per-unit sums");
        report.AppendLine("(each arm's rate `sum e_u / sum n_u`, variance `sum_u (e_u - r n_u)^2 / (sum n_u)^2`; in i.i.d. mode each request is a unit), computed");
        report.AppendLine("once at 4 h and once at 8 h and rejecting at z > 1.96: its power at 4 h and 8 h is in the \"<= 4 h\" and \"<= 8 h\" columns.");
        report.AppendLine("A run stops once both judges have rolled back, the naive test has rejected, and 8 h have passed.");
        report.AppendLine();
        report.AppendLine("| Scenario | Judge | Runs | Rolled back in 24 h | Median min to rollback | 90th pct | <= 4 h | <= 8 h | Target |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        var scenarios = ClusteredScenarios.ErrorScenarios(1440);
        for (var s = 0; s < scenarios.Length; s++)
        {
            var scenario = scenarios[s];
            var outcomes = context.Simulate(scenario);
            var runs = ClusteredRunOutcome.Runs(outcomes);
            for (var j = 0; j < JudgeNames.Length; j++)
            {
                var index = j;
                int Minute(RunOutcome o) => o.Judges[index].RollbackMinute;
                var target = index != 0 ? "-" : s switch
                {
                    0 => context.MedianAtMost($"errors x2, i.i.d.: unit median <= 30 min", runs, Minute, 30),
                    1 => context.AtLeast($"errors x2, {scenario.Name}: unit rolled back within 8 h >= 95%", OutcomeStatistics.Count(runs, Minute, 480), runs.Length, 0.95),
                    2 => context.MedianAtMost($"errors x2, {scenario.Name}: unit median <= 45 min", runs, Minute, 45),
                    _ => "- (reported)",
                };
                report.AppendLine(DetectionRow(scenario.Name, JudgeNames[index], runs, Minute, [240, 480], target));
            }

            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {scenario.Name} | fixed-horizon cluster-robust z, one-sided 2.5% (mean z {Mean(outcomes, static o => o.FixedHorizonZ[0]):F1} at 4 h, {Mean(outcomes, static o => o.FixedHorizonZ[1]):F1} at 8 h) | {runs.Length} | - | - | - | {Percent(FixedRejections(outcomes, 0), runs.Length)} | {Percent(FixedRejections(outcomes, 1), runs.Length)} | - |");
        }

        report.AppendLine();
    }

    private static void LatencySection(Context context)
    {
        var report = context.Report;
        report.AppendLine("## Latency regression: canary +10% at 100 req/min per arm (200 req/min, 50% canary)");
        report.AppendLine();
        report.AppendLine("| Scenario | Judge | Runs | Rolled back in 24 h | Median min to rollback | 90th pct | <= 4 h | Target |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        var scenarios = ClusteredScenarios.LatencyScenarios(1440);
        for (var s = 0; s < scenarios.Length; s++)
        {
            var scenario = scenarios[s];
            var runs = ClusteredRunOutcome.Runs(context.Simulate(scenario));
            for (var j = 0; j < JudgeNames.Length; j++)
            {
                var index = j;
                int Minute(RunOutcome o) => o.Judges[index].RollbackMinute;
                var target = index == 0 && s == 0 ? context.MedianAtMost("latency +10%, i.i.d.: unit median <= 20 min", runs, Minute, 20) : index == 0 ? "- (reported)" : "-";
                report.AppendLine(DetectionRow(scenario.Name, JudgeNames[index], runs, Minute, [240], target));
            }
        }

        report.AppendLine();
    }

    private static void DropSection(Context context)
    {
        var report = context.Report;
        report.AppendLine("## A canary that silently drops the outcomes of 20% of its units (10% canary, log-sd 1 activity), 4 hours");
        report.AppendLine();
        report.AppendLine("The dropped units' canary requests are never recorded (no exposure, unit or event). Target (unit judge): paused for SRM within 2 h in >= 95% of runs.");
        report.AppendLine("Beside the judges: the fixed-horizon test that is possible on the same units, Pearson's chi-square on the units first seen in each arm by");
        report.AppendLine("minute 120 against the 10% split, at p < 0.001 (`|z| > 3.29`), computed once (the judge's sequential test must pay for looking every minute).");
        report.AppendLine();
        report.AppendLine("| Scenario | Judge | Runs | SRM pause <= 2 h | Median min to SRM pause | 90th pct | SRM pause <= 4 h | Rolled back | Target |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var units in (int[])[5000, 50_000])
        {
            var scenario = ClusteredScenarios.DroppedUnits(240, units);
            var outcomes = context.Simulate(scenario);
            var runs = ClusteredRunOutcome.Runs(outcomes);
            var n = runs.Length;
            for (var j = 0; j < JudgeNames.Length; j++)
            {
                var index = j;
                int Minute(RunOutcome o) => o.Judges[index].SrmPauseMinute;
                var within = OutcomeStatistics.Count(runs, Minute, 120);
                var target = index == 0 ? context.AtLeast($"{scenario.Name}: unit SRM pause within 2 h >= 95%", within, n, 0.95) : "-";
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {scenario.Name} | {JudgeNames[index]} | {n} | {Percent(within, n)} | {Minutes(OutcomeStatistics.Quantile(runs, Minute, 0.5))} | {Minutes(OutcomeStatistics.Quantile(runs, Minute, 0.9))} | {Percent(OutcomeStatistics.Count(runs, Minute), n)} | {Percent(OutcomeStatistics.Count(runs, o => o.Judges[index].RollbackMinute), n)} | {target} |");
            }

            var fixedSrm = 0;
            foreach (var outcome in outcomes)
            {
                fixedSrm += outcome.SrmRejects ? 1 : 0;
            }

            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {scenario.Name} | fixed-horizon chi-square on units at 2 h, p < 0.001 (mean z {Mean(outcomes, static o => o.SrmZ):F1}) | {n} | {Percent(fixedSrm, n)} | - | - | - | - | - |");
        }

        report.AppendLine();
    }

    private static void Summary(Context context)
    {
        var report = context.Report;
        report.AppendLine("## Targets");
        report.AppendLine();
        report.AppendLine("A rate target counts as met when the point estimate meets it; when it does not, the note says whether the 95% interval still reaches the target.");
        report.AppendLine();
        foreach (var line in context.Targets)
        {
            report.AppendLine("- " + line);
        }

        report.AppendLine();
        report.AppendLine("## Time per scenario");
        report.AppendLine();
        report.AppendLine("| Scenario | Runs | Seconds | Mean simulated minutes per run |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var line in context.Timings)
        {
            report.AppendLine(line);
        }
    }

    private static string DetectionRow(string scenario, string judge, RunOutcome[] runs, Func<RunOutcome, int> minute, int[] within, string target)
    {
        var n = runs.Length;
        var columns = new StringBuilder();
        foreach (var limit in within)
        {
            columns.Append(Percent(OutcomeStatistics.Count(runs, minute, limit), n)).Append(" | ");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {judge} | {n} | {Percent(OutcomeStatistics.Count(runs, minute), n)} | {Minutes(OutcomeStatistics.Quantile(runs, minute, 0.5))} | {Minutes(OutcomeStatistics.Quantile(runs, minute, 0.9))} | {columns}{target} |");
    }

    private static double Mean(ClusteredRunOutcome[] outcomes, Func<ClusteredRunOutcome, double> value)
    {
        double sum = 0;
        var count = 0;
        foreach (var outcome in outcomes)
        {
            var v = value(outcome);
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static int FixedRejections(ClusteredRunOutcome[] outcomes, int horizon)
    {
        var count = 0;
        foreach (var outcome in outcomes)
        {
            count += outcome.FixedHorizonRejects(horizon) ? 1 : 0;
        }

        return count;
    }

    private static int Count(ClusteredRunOutcome[] outcomes, Func<ClusteredRunOutcome, int> minute)
    {
        var count = 0;
        foreach (var outcome in outcomes)
        {
            count += minute(outcome) > 0 ? 1 : 0;
        }

        return count;
    }

    private static string Reasons(RunOutcome[] runs, int index)
    {
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            if (run.Judges[index].FirstPauseReason is { } reason)
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        var text = new StringBuilder();
        foreach (var (reason, count) in reasons)
        {
            text.Append(CultureInfo.InvariantCulture, $"{reason} ({count}) ");
        }

        return text.Length == 0 ? "-" : text.ToString().Trim();
    }

    private static string Rate(int count, int n)
    {
        var (lower, upper) = OutcomeStatistics.Wilson(count, n);
        return string.Create(CultureInfo.InvariantCulture, $"{Percent(count, n)} [{100 * lower:F1}%, {100 * upper:F1}%]");
    }

    private static string Percent(int count, int n) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / n:F1}%");

    private static string Minutes(double minutes) =>
        double.IsPositiveInfinity(minutes) ? "never" : minutes.ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>The report being written, the run settings, and the targets and timings collected on the way.</summary>
    private sealed class Context(StringBuilder report, int runs, int threads, int seed)
    {
        public StringBuilder Report { get; } = report;

        public List<string> Targets { get; } = [];

        public List<string> Timings { get; } = [];

        public ClusteredRunOutcome[] Simulate(ClusteredScenario scenario)
        {
            var watch = Stopwatch.StartNew();
            var outcomes = ClusteredSimulator.RunMany(scenario, ClusteredScenarios.Judges, runs, seed, threads);
            var seconds = watch.Elapsed.TotalSeconds;
            long minutes = 0;
            foreach (var outcome in outcomes)
            {
                minutes += outcome.Run.Minutes;
            }

            Timings.Add(string.Create(CultureInfo.InvariantCulture, $"| {scenario.Name} | {runs} | {seconds:F1} | {(double)minutes / runs:F0} |"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}: {seconds:F1} s"));
            return outcomes;
        }

        /// <summary>Checks a rate that must be at most <paramref name="target"/>; records and returns the verdict.</summary>
        public string AtMost(string name, int count, int n, double target)
        {
            var (lower, _) = OutcomeStatistics.Wilson(count, n);
            var verdict = (double)count / n <= target ? "met"
                : lower > target ? "NOT met (95% CI above target)"
                : "NOT met (95% CI includes target)";
            return Record(name, string.Create(CultureInfo.InvariantCulture, $"{verdict}: {Percent(count, n)}"));
        }

        /// <summary>Checks a rate that must be at least <paramref name="target"/>; records and returns the verdict.</summary>
        public string AtLeast(string name, int count, int n, double target)
        {
            var (_, upper) = OutcomeStatistics.Wilson(count, n);
            var verdict = (double)count / n >= target ? "met"
                : upper < target ? "NOT met (95% CI below target)"
                : "NOT met (95% CI includes target)";
            return Record(name, string.Create(CultureInfo.InvariantCulture, $"{verdict}: {Percent(count, n)}"));
        }

        /// <summary>Checks a median time that must be at most <paramref name="target"/> minutes.</summary>
        public string MedianAtMost(string name, RunOutcome[] runs, Func<RunOutcome, int> minute, double target)
        {
            var median = OutcomeStatistics.Quantile(runs, minute, 0.5);
            var verdict = median <= target ? "met" : "NOT met";
            return Record(name, $"{verdict}: median {Minutes(median)} min");
        }

        private string Record(string name, string verdict)
        {
            Targets.Add($"{name}: {verdict}");
            return verdict;
        }
    }
}
