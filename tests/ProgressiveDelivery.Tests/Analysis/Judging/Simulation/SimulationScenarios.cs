using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>The scenarios of /work/shared/JUDGE.md's targets, parameterised by length so that tests can run shorter versions.</summary>
internal static class SimulationScenarios
{
    /// <summary>(a) A/A: 1000 req/min, 10% canary, 0.5% errors in both arms.</summary>
    public static TrafficScenario ErrorsAa(int minutes) => new()
    {
        Name = "A/A errors",
        Minutes = minutes,
        RequestsPerMinute = 1000,
        CanaryShare = 0.1,
        BaselineErrorRate = 0.005,
        CanaryErrorRate = 0.005,
    };

    /// <summary>A/A errors while the rollout steps its weight: 5%, then 10% from minute 61, 25% from 181, 50% from 361.</summary>
    public static TrafficScenario ErrorsAaSteppedWeights(int minutes) => new()
    {
        Name = "A/A errors, weight 5->10->25->50%",
        Minutes = minutes,
        RequestsPerMinute = 1000,
        CanaryShare = 0.05,
        ShareSteps = [(61, 0.10), (181, 0.25), (361, 0.50)],
        BaselineErrorRate = 0.005,
        CanaryErrorRate = 0.005,
    };

    /// <summary>(b) Error regression: as (a) but the canary's error rate doubles to 1.0%.</summary>
    public static TrafficScenario ErrorsDoubled(int minutes) => new()
    {
        Name = "errors 0.5% -> 1.0%",
        Minutes = minutes,
        RequestsPerMinute = 1000,
        CanaryShare = 0.1,
        BaselineErrorRate = 0.005,
        CanaryErrorRate = 0.010,
    };

    /// <summary>(c) Lognormal latency (log-sd 1), 100 req/min per arm, canary slower by <paramref name="factor"/> (1 = A/A).</summary>
    public static TrafficScenario Latency(int minutes, double factor) => new()
    {
        Name = factor == 1 ? "A/A latency" : $"latency x{factor}",
        Minutes = minutes,
        RequestsPerMinute = 200,
        CanaryShare = 0.5,
        Errors = false,
        Latency = true,
        LatencyLogSd = 1,
        CanaryLatencyLogShift = Math.Log(factor),
    };

    /// <summary>(d) The canary receives nothing for its first <paramref name="outageMinutes"/> minutes, then A/A traffic.</summary>
    public static TrafficScenario NoCanaryTraffic(int minutes, int outageMinutes) => new()
    {
        Name = "no canary traffic",
        Minutes = minutes,
        RequestsPerMinute = 1000,
        CanaryShare = 0.1,
        CanaryOutageMinutes = outageMinutes,
        StopWhenAllDecided = false,
    };
}
