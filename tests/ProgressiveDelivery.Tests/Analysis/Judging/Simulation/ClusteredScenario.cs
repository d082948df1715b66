using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// One simulated canary on traffic with units (users): a population of units with heavy-tailed activity, assigned to an
/// arm by a uniform bucket, some failing far more often than others and each with its own latency offset; per-minute
/// Poisson traffic with an optional daily cycle and an outage shared by both arms; every request recorded per unit
/// (docs: /work/shared/JUDGE.md, "The unit of analysis"). Run by <see cref="ClusteredSimulator"/>.
/// </summary>
internal sealed record ClusteredScenario
{
    /// <summary>The scenario's name in reports.</summary>
    public required string Name { get; init; }

    /// <summary>The number of simulated minutes; the judges look once per minute.</summary>
    public int Minutes { get; init; } = 1440;

    /// <summary>The mean number of requests per minute over both arms (before the daily cycle).</summary>
    public double RequestsPerMinute { get; init; } = 1000;

    /// <summary>The canary share before the first of <see cref="ShareSteps"/>.</summary>
    public double CanaryShare { get; init; } = 0.1;

    /// <summary>Weight steps: from each step's minute (1-based) on, a unit is on the canary iff its bucket is below the step's share.</summary>
    public (int FromMinute, double Share)[] ShareSteps { get; init; } = [];

    /// <summary>The number of units; 0 for i.i.d. requests (every request a new unit with a fresh hash and bucket).</summary>
    public int Units { get; init; } = 5000;

    /// <summary>The log-sd of the units' lognormal activity weights (0: every unit equally active).</summary>
    public double ActivityLogSd { get; init; } = 1;

    /// <summary>The share of failing units, whose requests fail with <see cref="FailingUnitErrorRate"/> in both arms.</summary>
    public double FailingUnitShare { get; init; }

    /// <summary>The error probability of a failing unit's request.</summary>
    public double FailingUnitErrorRate { get; init; } = 0.2;

    /// <summary>The baseline's error probability per request of an ordinary unit.</summary>
    public double BaselineErrorRate { get; init; } = 0.005;

    /// <summary>The factor on the error probability of an ordinary unit's canary requests (2: the error regression).</summary>
    public double CanaryErrorFactor { get; init; } = 1;

    /// <summary>The mean of ln(latency) of an average unit (ln of the median latency).</summary>
    public double LatencyLogMean { get; init; } = Math.Log(0.05);

    /// <summary>The sd of ln(latency) within a unit.</summary>
    public double LatencyLogSd { get; init; } = 1;

    /// <summary>The sd of the units' offsets of ln(latency) (0: none).</summary>
    public double UnitLatencyLogSd { get; init; }

    /// <summary>The factor on every canary latency (1.1: a 10% slowdown).</summary>
    public double CanaryLatencyFactor { get; init; } = 1;

    /// <summary>Whether the request rate follows a daily cycle, <c>1 + 0.6 sin(2 pi t / 1440)</c> (max / min = 4, mean 1).</summary>
    public bool Diurnal { get; init; }

    /// <summary>The first minute of an outage shared by both arms; 0 for none.</summary>
    public int OutageStartMinute { get; init; }

    /// <summary>The length of the outage in minutes.</summary>
    public int OutageMinutes { get; init; } = 10;

    /// <summary>During the outage a request also fails, independently, with this probability.</summary>
    public double OutageErrorRate { get; init; } = 0.5;

    /// <summary>During the outage every latency is multiplied by this factor.</summary>
    public double OutageLatencyFactor { get; init; } = 3;

    /// <summary>The share of units whose canary requests are never recorded (a canary that loses outcomes); 0 for none.</summary>
    public double DroppedCanaryUnitShare { get; init; }

    /// <summary>The minutes at which the fixed-horizon cluster-robust test is computed (increasing).</summary>
    public int[] FixedHorizons { get; init; } = [];

    /// <summary>
    /// The minute at which the fixed-horizon sample-ratio test on units is computed (the canary's share of the units
    /// first seen against the share in force, which must then be constant); 0 for none.
    /// </summary>
    public int SrmHorizon { get; init; }

    /// <summary>Whether a run stops once every judge has rolled back, the naive test has rejected and every fixed horizon is past.</summary>
    public bool StopWhenAllDecided { get; init; } = true;

    /// <summary>Whether every request is a new unit.</summary>
    public bool Iid => Units == 0;

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

    /// <summary>The mean number of requests in <paramref name="minute"/>.</summary>
    public double RateAt(int minute) =>
        Diurnal ? RequestsPerMinute * (1 + (0.6 * Math.Sin(2 * Math.PI * minute / 1440))) : RequestsPerMinute;

    /// <summary>Whether <paramref name="minute"/> is in the outage.</summary>
    public bool InOutage(int minute) =>
        OutageStartMinute > 0 && minute >= OutageStartMinute && minute < OutageStartMinute + OutageMinutes;
}
