using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// One simulated canary: traffic per minute split between the arms, an error rate per arm and lognormal latency per
/// arm (recorded in log space), optionally with the canary receiving nothing for its first minutes.
/// </summary>
internal sealed class TrafficScenario
{
    /// <summary>The scenario's name in reports.</summary>
    public required string Name { get; init; }

    /// <summary>The number of simulated minutes; the judge looks once per minute.</summary>
    public int Minutes { get; init; } = 1440;

    /// <summary>Requests per minute over both arms.</summary>
    public long RequestsPerMinute { get; init; } = 1000;

    /// <summary>The share of requests assigned to the canary.</summary>
    public double CanaryShare { get; init; } = 0.1;

    /// <summary>
    /// Weight steps: from each step's minute (1-based) on, the canary's share is the step's share (steps in increasing
    /// minute order); before the first step, <see cref="CanaryShare"/>.
    /// </summary>
    public (int FromMinute, double Share)[] ShareSteps { get; init; } = [];

    /// <summary>Whether an error count metric named <c>errors</c> is simulated.</summary>
    public bool Errors { get; init; } = true;

    /// <summary>The baseline's error probability per request.</summary>
    public double BaselineErrorRate { get; init; } = 0.005;

    /// <summary>The canary's error probability per request.</summary>
    public double CanaryErrorRate { get; init; } = 0.005;

    /// <summary>Whether a latency metric named <c>latency</c> (ln of a lognormal latency) is simulated.</summary>
    public bool Latency { get; init; }

    /// <summary>The mean of ln(latency) in the baseline (ln of the median latency).</summary>
    public double LatencyLogMean { get; init; } = Math.Log(0.05);

    /// <summary>The standard deviation of ln(latency) in both arms.</summary>
    public double LatencyLogSd { get; init; } = 1;

    /// <summary>The canary's shift of ln(latency): <c>ln(1.1)</c> is a 10% slowdown of every quantile.</summary>
    public double CanaryLatencyLogShift { get; init; }

    /// <summary>The number of initial minutes in which the canary receives no request (the baseline keeps its share).</summary>
    public int CanaryOutageMinutes { get; init; }

    /// <summary>Whether a run stops once every judge has rolled back and the naive test has rejected.</summary>
    public bool StopWhenAllDecided { get; init; } = true;

    /// <summary>The canary's share during <paramref name="minute"/>.</summary>
    public double ShareAt(int minute)
    {
        var share = CanaryShare;
        foreach (var (from, stepShare) in ShareSteps)
        {
            if (minute >= from)
            {
                share = stepShare;
            }
        }

        return share;
    }
}
