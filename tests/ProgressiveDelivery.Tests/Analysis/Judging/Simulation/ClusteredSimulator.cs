using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// Runs seeded simulations of a <see cref="ClusteredScenario"/>: run <c>r</c> draws everything (units, traffic) from
/// <c>new Random(seed + r)</c> (<see cref="ClusteredTraffic"/>); each minute both arms' per-unit summaries go to every
/// judge, the naive monitor reads the request-level totals, and at each fixed horizon the cluster-robust z-test on
/// per-unit sums of errors is computed.
/// </summary>
internal static class ClusteredSimulator
{
    /// <summary>The simulated start of every run.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs <paramref name="runs"/> seeded runs on up to <paramref name="threads"/> threads (results do not depend on it).</summary>
    public static ClusteredRunOutcome[] RunMany(ClusteredScenario scenario, IReadOnlyList<Func<JudgeOptions>> judges, int runs, int seed, int threads)
    {
        var outcomes = new ClusteredRunOutcome[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, run =>
            outcomes[run] = Run(scenario, judges, seed + run));
        return outcomes;
    }

    /// <summary>Runs one seeded run.</summary>
    public static ClusteredRunOutcome Run(ClusteredScenario scenario, IReadOnlyList<Func<JudgeOptions>> judgeOptions, int seed)
    {
        var traffic = new ClusteredTraffic(scenario, seed);
        var judges = new CanaryJudge[judgeOptions.Count];
        for (var i = 0; i < judges.Length; i++)
        {
            judges[i] = new CanaryJudge(judgeOptions[i]());
        }

        var horizons = scenario.FixedHorizons;
        var lastHorizon = horizons.Length == 0 ? 0 : horizons[^1];
        var outcome = new ClusteredRunOutcome(judges.Length, horizons.Length);
        var run = outcome.Run;
        for (var minute = 1; minute <= scenario.Minutes; minute++)
        {
            var share = scenario.ShareAt(minute);
            traffic.SimulateMinute(minute, share);
            var allRolledBack = Judge(judges, outcome, traffic, share, minute);
            if (run.NaiveRejectMinute == 0 && NaiveRejects(traffic.Baseline, traffic.Canary))
            {
                run.NaiveRejectMinute = minute;
            }

            for (var h = 0; h < horizons.Length; h++)
            {
                if (horizons[h] == minute)
                {
                    outcome.FixedHorizonZ[h] = FixedHorizonZ(traffic);
                }
            }

            if (minute == scenario.SrmHorizon)
            {
                outcome.SrmZ = SrmZ(traffic, share);
            }

            run.Minutes = minute;
            if (scenario.StopWhenAllDecided && allRolledBack && run.NaiveRejectMinute != 0 && minute >= lastHorizon && minute >= scenario.SrmHorizon)
            {
                break;
            }
        }

        return outcome;
    }

    /// <summary>
    /// The fixed-horizon test on per-unit sums of errors: <c>z = (r_c - r_b) / sqrt(V_c + V_b)</c>, each rate a ratio of
    /// per-unit sums with its delta-method variance (<see cref="ClusteredArm.UnitErrorRate"/>); NaN without data.
    /// </summary>
    public static double FixedHorizonZ(ClusteredTraffic traffic)
    {
        var (baselineRate, baselineVariance) = traffic.Baseline.UnitErrorRate();
        var (canaryRate, canaryVariance) = traffic.Canary.UnitErrorRate();
        var variance = baselineVariance + canaryVariance;
        return variance > 0 ? (canaryRate - baselineRate) / Math.Sqrt(variance) : double.NaN;
    }

    /// <summary>
    /// The fixed-horizon sample-ratio test on units: <c>z = (k - s N) / sqrt(N s (1 - s))</c> for k canary units of N
    /// units first seen and canary share s (Pearson's chi-square on two arms is z²); NaN without units.
    /// </summary>
    public static double SrmZ(ClusteredTraffic traffic, double share)
    {
        double canary = traffic.Canary.Units, total = traffic.Baseline.Units + canary;
        return total > 0 ? (canary - (share * total)) / Math.Sqrt(total * share * (1 - share)) : double.NaN;
    }

    /// <summary>
    /// The naive monitor: a two-sided 5% z-test on the request-level totals, the pooled two-proportion z for errors or
    /// the Welch statistic for mean ln latency, as if every request were independent.
    /// </summary>
    public static bool NaiveRejects(ClusteredArm baseline, ClusteredArm canary)
    {
        if (baseline.Exposures < 2 || canary.Exposures < 2)
        {
            return false;
        }

        double nb = baseline.Exposures, nc = canary.Exposures;
        var pooled = (baseline.Errors + canary.Errors) / (nb + nc);
        var proportionVariance = pooled * (1 - pooled) * ((1 / nb) + (1 / nc));
        var proportionZ = proportionVariance > 0 ? ((canary.Errors / nc) - (baseline.Errors / nb)) / Math.Sqrt(proportionVariance) : 0;
        var welchVariance = (baseline.LatencyM2 / (nb - 1) / nb) + (canary.LatencyM2 / (nc - 1) / nc);
        var welchZ = welchVariance > 0 ? (canary.LatencyMean - baseline.LatencyMean) / Math.Sqrt(welchVariance) : 0;
        return Math.Abs(proportionZ) > ClusteredRunOutcome.Critical || Math.Abs(welchZ) > ClusteredRunOutcome.Critical;
    }

    // Feeds the minute to every judge that has not rolled back; returns whether all have.
    private static bool Judge(CanaryJudge[] judges, ClusteredRunOutcome outcome, ClusteredTraffic traffic, double share, int minute)
    {
        var run = outcome.Run;
        var allRolledBack = true;
        JudgeInput? input = null;
        for (var i = 0; i < judges.Length; i++)
        {
            ref var judge = ref run.Judges[i];
            if (judge.RollbackMinute == 0)
            {
                input ??= new JudgeInput(traffic.Baseline.ToSummary(), traffic.Canary.ToSummary(), share, Start + TimeSpan.FromMinutes(minute));
                var verdict = judges[i].Judge(input);
                judge.Record(verdict, minute);
                if (verdict.Decision == JudgeDecision.Pause && verdict.Reason != JudgeReasons.NoData && outcome.AlertPauseMinutes[i] == 0)
                {
                    outcome.AlertPauseMinutes[i] = minute;
                }
            }

            allRolledBack &= judge.RollbackMinute != 0;
        }

        return allRolledBack;
    }
}
