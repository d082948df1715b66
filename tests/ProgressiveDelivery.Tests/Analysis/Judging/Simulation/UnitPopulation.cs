using System;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// The units of one clustered run: per unit a lognormal activity weight (drawn from by the alias method), a uniform
/// assignment bucket, a random 32-bit analysis hash, whether it is a failing unit, its ln-latency offset and whether its
/// canary outcomes are dropped. All drawn at construction from the run's <see cref="Random"/>.
/// </summary>
internal sealed class UnitPopulation
{
    private readonly AliasSampler _activity;

    public UnitPopulation(ClusteredScenario scenario, Random random, NormalStream normal)
    {
        var n = scenario.Units;
        Count = n;
        Buckets = new double[n];
        Keys = new UnitKey[n];
        Failing = new bool[n];
        LatencyOffsets = new double[n];
        Dropped = new bool[n];
        var weights = new double[n];
        for (var u = 0; u < n; u++)
        {
            weights[u] = scenario.ActivityLogSd > 0 ? Math.Exp(scenario.ActivityLogSd * normal.Next()) : 1;
            Buckets[u] = random.NextDouble();
            Keys[u] = RandomKey(random);
            Failing[u] = scenario.FailingUnitShare > 0 && random.NextDouble() < scenario.FailingUnitShare;
            LatencyOffsets[u] = scenario.UnitLatencyLogSd > 0 ? scenario.UnitLatencyLogSd * normal.Next() : 0;
            Dropped[u] = scenario.DroppedCanaryUnitShare > 0 && random.NextDouble() < scenario.DroppedCanaryUnitShare;
        }

        _activity = new AliasSampler(weights);
    }

    public int Count { get; }

    public double[] Buckets { get; }

    public UnitKey[] Keys { get; }

    public bool[] Failing { get; }

    public double[] LatencyOffsets { get; }

    public bool[] Dropped { get; }

    /// <summary>A uniform random analysis key (all 32 bits).</summary>
    public static UnitKey RandomKey(Random random) => new((uint)random.NextInt64(1L << 32));

    /// <summary>The unit of the next request, with probability proportional to its activity.</summary>
    public int Sample(Random random) => _activity.Sample(random);
}
