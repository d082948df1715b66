using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// Runs seeded simulations of a <see cref="TrafficScenario"/>: each run draws per-minute counts (binomial) and per-minute
/// sufficient statistics of log latency (the minute's mean ~ N(mu, sd^2/n), its M2 ~ sd^2 chi2(n - 1)) from
/// <c>new Random(seed + run)</c>, and feeds the same data, minute by minute, to every judge and to the naive monitor.
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
        var baseline = new ArmAccumulator();
        var canary = new ArmAccumulator();
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
        var baseline = new ArmAccumulator();
        var canary = new ArmAccumulator();
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
        baseline.AddMinute(baselineRequests, baselineErrors);
        canary.AddMinute(canaryRequests, canaryErrors);
        if (scenario.Latency)
        {
            AddLatency(scenario, random, baseline, baselineRequests, 0);
            AddLatency(scenario, random, canary, canaryRequests, scenario.CanaryLatencyLogShift);
        }
    }

    private static void AddLatency(TrafficScenario scenario, Random random, ArmAccumulator arm, long count, double shift)
    {
        if (count == 0)
        {
            return;
        }

        var sd = scenario.LatencyLogSd;
        var mean = scenario.LatencyLogMean + shift + (sd * SimulationRandom.Normal(random) / Math.Sqrt(count));
        var m2 = sd * sd * SimulationRandom.ChiSquare(random, count - 1);
        arm.AddValues(count, mean, m2);
    }
}
