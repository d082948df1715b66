using System;
using System.Linq;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;
using ProgressiveDelivery.Tests.Rollouts.Simulation;

namespace ProgressiveDelivery.Tests.Rollouts;

/// <summary>
/// The adaptive-versus-fixed comparison of benchmarks/results/rollouts-simulation.md, shortened to 200 seeded runs per
/// mode: the canary preset with 60-minute bakes at 1,000 requests per minute.
/// </summary>
public class RolloutSimulationTests
{
    private const int Runs = 200;

    private static readonly RolloutScenario Healthy = new()
    {
        Name = "healthy",
        Plan = static () => RolloutPlan.Canary(TimeSpan.FromMinutes(60)),
    };

    [Fact]
    public void Adaptive_HealthyCanary_ReachesOneHundredPercentFasterWithTheSameFalseRollbackBound()
    {
        var fixedRuns = RolloutSimulator.RunMany(Healthy.WithAdaptive(false), Runs, seed: 1, threads: 2);
        var adaptiveRuns = RolloutSimulator.RunMany(Healthy.WithAdaptive(true), Runs, seed: 1, threads: 2);

        // At most 5% in expectation; 20 of 200 is 3.2 standard deviations above it.
        Assert.True(RolledBack(fixedRuns) <= 20, $"fixed: {RolledBack(fixedRuns)} false rollbacks");
        Assert.True(RolledBack(adaptiveRuns) <= 20, $"adaptive: {RolledBack(adaptiveRuns)} false rollbacks");
        Assert.Equal(300, Median(fixedRuns));
        Assert.True(Median(adaptiveRuns) < 225, $"adaptive median {Median(adaptiveRuns)} min");
    }

    [Fact]
    public void Adaptive_CanaryWithDoubleErrors_IsRolledBackAsOftenAsFixed()
    {
        var regressed = new RolloutScenario { Name = "errors x2", Plan = Healthy.Plan, CanaryErrorRate = 0.01 };

        var fixedRuns = RolloutSimulator.RunMany(regressed.WithAdaptive(false), Runs, seed: 1, threads: 2);
        var adaptiveRuns = RolloutSimulator.RunMany(regressed.WithAdaptive(true), Runs, seed: 1, threads: 2);

        Assert.True(RolledBack(adaptiveRuns) >= 0.95 * Runs, $"adaptive rolled back {RolledBack(adaptiveRuns)} of {Runs}");
        Assert.True(RolledBack(adaptiveRuns) >= RolledBack(fixedRuns) - 2);
    }

    private static int RolledBack(RolloutRunOutcome[] runs) => runs.Count(run => run.Status == RolloutStatus.RolledBack);

    private static int Median(RolloutRunOutcome[] runs)
    {
        var minutes = runs.Where(run => run.Status == RolloutStatus.Promoted).Select(run => run.Minute).Order().ToArray();
        return minutes[(minutes.Length - 1) / 2];
    }
}
