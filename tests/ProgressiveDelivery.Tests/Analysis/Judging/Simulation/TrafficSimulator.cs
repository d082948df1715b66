using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// Runs seeded simulations of a <see cref="TrafficScenario"/> on independent requests: each run draws per-minute counts
/// (binomial), each request's analysis cell, and per-cell sufficient statistics of log latency (see
/// <see cref="ArmAccumulator"/>) from <c>new Random(seed + run)</c>, and feeds the same data, minute by minute, to every
/// judge and to the naive monitor.
/// </summary>
internal static class TrafficSimulator
{
    /// <summary>The simulated start of every run.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs <paramref name="runs"/> seeded runs (in parallel on up to <paramref name="threads"/> threads; results do not depend on it).</summary>
    public static RunOutcome[] RunMany(TrafficScenario scenario, IReadOnlyList<Func<JudgeOptions>> judges, int runs, int seed, int threads)
    {
        var outcomes = new RunOutcome[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, run =>
            outcomes[run] = Run(scenario, judges, seed + run));
        return outcomes;
    }

    /// <summary>Runs one seeded run.</summary>
    public static RunOutcome Run(TrafficScenario scenario, IReadOnlyList<Func<JudgeOptions>> judgeOptions, int seed)
    {
        var random = new Random(seed);
        var judges = new CanaryJudge[judgeOptions.Count];
        for (var i = 0; i < judges.Length; i++)
        {
            judges[i] = new CanaryJudge(judgeOptions[i]());
        }

        var outcome = new RunOutcome(judges.Length);
        var units = new UnitSet();
        var baseline = new ArmAccumulator(units);
        var canary = new ArmAccumulator(units);
        for (var minute = 1; minute <= scenario.Minutes; minute++)
        {
            var share = scenario.ShareAt(minute);
            SimulateMinute(scenario, random, baseline, canary, minute, share);
            var input = new JudgeInput(
                baseline.ToSummary(scenario.Errors, scenario.Latency),
                canary.ToSummary(scenario.Errors, scenario.Latency),
                share,
                Start + TimeSpan.FromMinutes(minute));
            var allRolledBack = true;
            for (var i = 0; i < judges.Length; i++)
            {
                if (outcome.Judges[i].RollbackMinute == 0)
                {
                    outcome.Judges[i].Record(judges[i].Judge(input), minute);
                }

                allRolledBack &= outcome.Judges[i].RollbackMinute != 0;
            }

            if (outcome.NaiveRejectMinute == 0 && NaiveMonitor.Rejects(baseline, canary, scenario.Errors, scenario.Latency))
            {
                outcome.NaiveRejectMinute = minute;
            }

            outcome.Minutes = minute;
            if (scenario.StopWhenAllDecided && allRolledBack && outcome.NaiveRejectMinute != 0)
            {
                break;
            }
        }

        return outcome;
    }

    /// <summary>The judge inputs of one seeded run, minute by minute (for measuring the judge alone).</summary>
    public static JudgeInput[] Inputs(TrafficScenario scenario, int seed)
    {
        var random = new Random(seed);
        var units = new UnitSet();
        var baseline = new ArmAccumulator(units);
        var canary = new ArmAccumulator(units);
        var inputs = new JudgeInput[scenario.Minutes];
        for (var minute = 1; minute <= scenario.Minutes; minute++)
        {
            var share = scenario.ShareAt(minute);
            SimulateMinute(scenario, random, baseline, canary, minute, share);
            inputs[minute - 1] = new JudgeInput(
                baseline.ToSummary(scenario.Errors, scenario.Latency),
                canary.ToSummary(scenario.Errors, scenario.Latency),
                share,
                Start + TimeSpan.FromMinutes(minute));
        }

        return inputs;
    }

    private static void SimulateMinute(TrafficScenario scenario, Random random, ArmAccumulator baseline, ArmAccumulator canary, int minute, double share)
    {
        long canaryRequests, baselineRequests;
        if (minute <= scenario.CanaryOutageMinutes)
        {
            canaryRequests = 0;
            baselineRequests = SimulationRandom.Binomial(random, scenario.RequestsPerMinute, 1 - share);
        }
        else
        {
            canaryRequests = SimulationRandom.Binomial(random, scenario.RequestsPerMinute, share);
            baselineRequests = scenario.RequestsPerMinute - canaryRequests;
        }

        var baselineErrors = scenario.Errors ? SimulationRandom.Binomial(random, baselineRequests, scenario.BaselineErrorRate) : 0;
        var canaryErrors = scenario.Errors ? SimulationRandom.Binomial(random, canaryRequests, scenario.CanaryErrorRate) : 0;
        baseline.AddMinute(random, baselineRequests, baselineErrors);
        canary.AddMinute(random, canaryRequests, canaryErrors);
        ArmAccumulator.RegisterUnits(random, baseline, canary);
        if (scenario.Latency)
        {
            baseline.AddLatency(random, scenario.LatencyLogMean, scenario.LatencyLogSd);
            canary.AddLatency(random, scenario.LatencyLogMean + scenario.CanaryLatencyLogShift, scenario.LatencyLogSd);
        }
    }
}
