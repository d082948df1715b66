using System;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Tests.Rollouts.Simulation;

/// <summary>
/// Runs seeded simulated rollouts: the controller starts at minute 0; each minute the requests split between the arms by
/// the weight in force (binomial), errors and log-latency sufficient statistics are drawn as in <see cref="TrafficSimulator"/>,
/// the judge looks with that weight as the canary share, and the controller ticks, until the rollout ends.
/// Run <c>r</c> draws from <c>new Random(seed + r)</c>.
/// </summary>
internal static class RolloutSimulator
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RolloutRunOutcome[] RunMany(RolloutScenario scenario, int runs, int seed, int threads)
    {
        var outcomes = new RolloutRunOutcome[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, run =>
            outcomes[run] = Run(scenario, seed + run));
        return outcomes;
    }

    public static RolloutRunOutcome Run(RolloutScenario scenario, int seed)
    {
        var random = new Random(seed);
        var controller = new RolloutController("sim", scenario.Plan(), scenario.Adaptive);
        var judge = new CanaryJudge(RolloutMetrics.CreateDefaultJudgeOptions());
        var units = new UnitSet();
        var baseline = new ArmAccumulator(units);
        var canary = new ArmAccumulator(units);
        controller.Tick(Start, null);
        for (var minute = 1; minute <= scenario.MaxMinutes; minute++)
        {
            var share = controller.State.WeightBasisPoints / 10_000.0;
            var canaryRequests = SimulationRandom.Binomial(random, scenario.RequestsPerMinute, share);
            var baselineRequests = scenario.RequestsPerMinute - canaryRequests;
            baseline.AddMinute(random, baselineRequests, SimulationRandom.Binomial(random, baselineRequests, scenario.BaselineErrorRate));
            canary.AddMinute(random, canaryRequests, SimulationRandom.Binomial(random, canaryRequests, scenario.CanaryErrorRate));
            ArmAccumulator.RegisterUnits(random, baseline, canary);
            baseline.AddLatency(random, scenario.LatencyLogMean, scenario.LatencyLogSd);
            canary.AddLatency(random, scenario.LatencyLogMean + scenario.CanaryLatencyLogShift, scenario.LatencyLogSd);
            var now = Start + TimeSpan.FromMinutes(minute);
            var verdict = judge.Judge(new JudgeInput(baseline.ToSummary(true, true), canary.ToSummary(true, true), share, now));
            controller.Tick(now, verdict);
            if (controller.State.Status is not RolloutStatus.Progressing)
            {
                return new RolloutRunOutcome(controller.State.Status, minute, controller.State.PauseReason);
            }
        }

        return new RolloutRunOutcome(RolloutStatus.Progressing, scenario.MaxMinutes, null);
    }
}
