using System;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts.Simulation;

/// <summary>
/// One simulated rollout: a plan run by the real <see cref="ProgressiveDelivery.Rollouts.RolloutController"/> and judged
/// by the real <see cref="ProgressiveDelivery.Analysis.Judging.CanaryJudge"/> (the rollout default: errors + log latency),
/// with per-minute traffic split by the weight in force.
/// </summary>
internal sealed class RolloutScenario
{
    public required string Name { get; init; }

    /// <summary>Creates the plan (a new one per run).</summary>
    public Func<RolloutPlan> Plan { get; init; } = static () => RolloutPlan.Canary(TimeSpan.FromMinutes(10));

    public bool Adaptive { get; init; }

    public long RequestsPerMinute { get; init; } = 1000;

    public double BaselineErrorRate { get; init; } = 0.005;

    public double CanaryErrorRate { get; init; } = 0.005;

    public double LatencyLogMean { get; init; } = Math.Log(0.05);

    public double LatencyLogSd { get; init; } = 1;

    public double CanaryLatencyLogShift { get; init; }

    /// <summary>The longest a run may take, in minutes; a run still going then is reported as unfinished.</summary>
    public int MaxMinutes { get; init; } = 24 * 60;

    /// <summary>Whether the canary is worse (runs that promote it let a regression escape).</summary>
    public bool Regressed => CanaryErrorRate > BaselineErrorRate || CanaryLatencyLogShift > 0;

    /// <summary>The same scenario in the other mode.</summary>
    public RolloutScenario WithAdaptive(bool adaptive) => new()
    {
        Name = Name,
        Plan = Plan,
        Adaptive = adaptive,
        RequestsPerMinute = RequestsPerMinute,
        BaselineErrorRate = BaselineErrorRate,
        CanaryErrorRate = CanaryErrorRate,
        LatencyLogMean = LatencyLogMean,
        LatencyLogSd = LatencyLogSd,
        CanaryLatencyLogShift = CanaryLatencyLogShift,
        MaxMinutes = MaxMinutes,
    };
}
