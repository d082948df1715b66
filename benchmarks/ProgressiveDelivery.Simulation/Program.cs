using System;
using System.Diagnostics;
using System.Globalization;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Simulation;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

// The canary judge's simulation report: every target of JUDGE.md, measured over seeded runs.
// Usage: dotnet run -c Release --project benchmarks/ProgressiveDelivery.Simulation -- [rollouts|units] [--runs 1000] [--threads 2] [--seed 1] [--out file.md]
// With "rollouts" first: the rollout report (adaptive versus fixed bakes, RolloutReport.cs) instead of the judge's.
// With "units" first: the judge by unit and by request on clustered traffic (ClusteredReport.cs).
var runs = Argument(args, "--runs", 1000);
var threads = Argument(args, "--threads", 2);
var seed = Argument(args, "--seed", 1);
var output = ArgumentText(args, "--out");
if (args.Length > 0 && args[0] == "rollouts")
{
    return RolloutReport.Run(runs, threads, seed, output);
}

if (args.Length > 0 && args[0] == "units")
{
    return ClusteredReport.Run(runs, threads, seed, output);
}

var document = new ReportDocument("Canary judge: simulation report", string.Empty, runs, threads, seed, output);
var report = document.Text;

report.AppendLine("Run `r` of a scenario draws all its data from `new Random(seed + r)`; every judge and the naive monitor see the same data.");
report.AppendLine("The judge looks once per simulated minute, on independent requests (each its own unit; clustered traffic: `-- units`). Judges: **sequential** = `CanaryJudge` defaults");
report.AppendLine("(unit of analysis Unit, alpha 0.05, CS N_tune = 5000, SRM on units at 0.001, no-data limit 30 min); **kayenta** = `JudgeMode.KayentaCompatible` defaults (Mann-Whitney at 98%,");
report.AppendLine("tolerance 0.25 of the Hodges-Lehmann shift, pass 95 / marginal 75) on one aggregate point per arm per minute (the minute's error rate, or the");
report.AppendLine("minute's mean of ln latency), analysed every 30 minutes over the last 30 points. **naive** = a two-sided 5% fixed-horizon test on the");
report.AppendLine("cumulative data at every minute (pooled two-proportion z for errors, Welch statistic for mean ln latency), rolling back at the first rejection.");
report.AppendLine("Rates and times count every look of the run, also after a promotion (a promotion is reported, not acted on). Minutes are 1-based; \"never\" = the quantile run never rolled back.");
report.AppendLine();
report.AppendLine(ReportTable.Header);

var aa = SimulationScenarios.ErrorsAa(1440);
var aaOutcomes = Section(aa, SimulationJudges.Both(SimulationJudges.Errors));
var stepped = Section(SimulationScenarios.ErrorsAaSteppedWeights(1440), SimulationJudges.Both(SimulationJudges.Errors));
Section(SimulationScenarios.ErrorsDoubled(1440), SimulationJudges.Both(SimulationJudges.Errors));
Section(SimulationScenarios.Latency(1440, 1.0), SimulationJudges.Both(SimulationJudges.Latency));
Section(SimulationScenarios.Latency(1440, 1.1), SimulationJudges.Both(SimulationJudges.Latency));
Section(SimulationScenarios.Latency(1440, 1.5), SimulationJudges.Both(SimulationJudges.Latency));
var noTraffic = SimulationScenarios.NoCanaryTraffic(120, 60);
var noTrafficOutcomes = Section(noTraffic, SimulationJudges.Both(SimulationJudges.Errors));

report.AppendLine();
report.AppendLine("## Sample-ratio mismatch under A/A (scenario a's data)");
report.AppendLine();
var srmSequential = OutcomeStatistics.Count(aaOutcomes, static o => o.Judges[0].SrmPauseMinute);
var srmChiSquare = OutcomeStatistics.Count(aaOutcomes, static o => o.Judges[0].ChiSquareSrmMinute);
report.AppendLine("| SRM test (p < 0.001), checked every minute for 24 h | Runs flagged |");
report.AppendLine("|---|---:|");
report.AppendLine(CultureInfo.InvariantCulture, $"| sequential Dirichlet-multinomial on new units (c = 1,000) — pauses the judge | {srmSequential} of {runs} ({100.0 * srmSequential / runs:F1}%) |");
report.AppendLine(CultureInfo.InvariantCulture, $"| Pearson chi-square on the cumulative unit counts — reported only (`SrmChiSquarePauses` = false) | {srmChiSquare} of {runs} ({100.0 * srmChiSquare / runs:F1}%) |");
var steppedSrm = OutcomeStatistics.Count(stepped, static o => o.Judges[0].SrmPauseMinute);
report.AppendLine(CultureInfo.InvariantCulture, $"| sequential, with the weight stepping 5 -> 10 -> 25 -> 50% | {steppedSrm} of {runs} ({100.0 * steppedSrm / runs:F1}%) |");
report.AppendLine();
report.AppendLine("## No canary traffic (scenario d)");
report.AppendLine();
report.AppendLine("The canary receives no request for its first 60 minutes (the baseline keeps its 90%), then A/A traffic for 60 more minutes.");
report.AppendLine();
report.AppendLine("| Judge | Rollbacks in the first hour | Runs paused `no_data` | Minute of the first `no_data` pause (min / max) | Looks answered Continue `no_data` (mean per run) | SRM pauses |");
report.AppendLine("|---|---:|---:|---|---:|---:|");
NoTrafficRow("sequential", 0);
NoTrafficRow("kayenta", 1);
report.AppendLine();
report.AppendLine("## Cost of one judgment");
report.AppendLine();
report.AppendLine("`Judge` alone on the inputs of one 24-hour run (1000 req/min: 60,000 requests in the first hour, 1.44 million by the last), mean over 5 repetitions.");
report.AppendLine("It does not grow with the requests seen: the state is the arms' 128 analysis cells per quantity, the moments, and the SRM segment.");
report.AppendLine();
report.AppendLine("| Judge | First hour (us per judgment) | Last hour (us per judgment) |");
report.AppendLine("|---|---:|---:|");
CostRow("sequential: errors (count rate) + latency (log mean)", () => Both(JudgeMode.Sequential));
CostRow("kayenta: the same two metrics (analysis every 30 looks)", () => Both(JudgeMode.KayentaCompatible));
return document.Finish();

RunOutcome[] Section(TrafficScenario scenario, Func<JudgeOptions>[] judges)
{
    var watch = Stopwatch.StartNew();
    var outcomes = TrafficSimulator.RunMany(scenario, judges, runs, seed, threads);
    report.AppendLine(ReportTable.Judge(scenario, "sequential", outcomes, 0));
    report.AppendLine(ReportTable.Judge(scenario, "kayenta", outcomes, 1));
    report.AppendLine(ReportTable.Naive(scenario, outcomes));
    Console.Error.WriteLine($"{scenario.Name}: {watch.Elapsed.TotalSeconds:F1} s");
    return outcomes;
}

void NoTrafficRow(string judge, int index)
{
    int rollbacks = 0, paused = 0, srm = 0, first = int.MaxValue, last = 0;
    long continues = 0;
    foreach (var outcome in noTrafficOutcomes)
    {
        var o = outcome.Judges[index];
        rollbacks += o.RollbackMinute is > 0 and <= 60 ? 1 : 0;
        srm += o.SrmPauseMinute > 0 ? 1 : 0;
        continues += o.ContinueNoDataMinutes;
        if (o.NoDataPauseMinute > 0)
        {
            paused++;
            first = Math.Min(first, o.NoDataPauseMinute);
            last = Math.Max(last, o.NoDataPauseMinute);
        }
    }

    var range = paused == 0 ? "-" : $"{first} / {last}";
    report.AppendLine(CultureInfo.InvariantCulture, $"| {judge} | {rollbacks} | {paused} of {noTrafficOutcomes.Length} | {range} | {(double)continues / noTrafficOutcomes.Length:F1} | {srm} |");
}

void CostRow(string name, Func<JudgeOptions> options)
{
    var (first, last) = JudgmentCost.Measure(options, 5);
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {first:F1} | {last:F1} |");
}

static JudgeOptions Both(JudgeMode mode)
{
    var options = SimulationJudges.Errors(mode);
    options.Metrics.Add(SimulationJudges.Latency(mode).Metrics[0]);
    return options;
}

static int Argument(string[] args, string name, int fallback)
{
    var text = ArgumentText(args, name);
    return text is null ? fallback : int.Parse(text, CultureInfo.InvariantCulture);
}

static string? ArgumentText(string[] args, string name)
{
    for (var i = 0; i < args.Length - 1; i++)
    {
        if (args[i] == name)
        {
            return args[i + 1];
        }
    }

    return null;
}
