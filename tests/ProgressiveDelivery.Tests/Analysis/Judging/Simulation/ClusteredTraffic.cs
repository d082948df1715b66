using System;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// The traffic of one clustered run, request by request: each minute a Poisson number of requests, each from a unit
/// drawn by activity (or a fresh unit in i.i.d. mode), on the arm its bucket gives under the share in force, failing and
/// taking a lognormal latency by its unit's traits; recorded in the arm (unless its canary outcomes are dropped), with
/// the unit counted as new in the arm where one <see cref="UnitSet"/> shared by both arms first sees it.
/// </summary>
internal sealed class ClusteredTraffic
{
    private readonly ClusteredScenario _scenario;
    private readonly Random _random;
    private readonly NormalStream _normal;
    private readonly UnitPopulation? _population;
    private readonly UnitSet _seen = new();
    private readonly double _canaryLatencyShift;
    private readonly double _outageLatencyShift;

    public ClusteredTraffic(ClusteredScenario scenario, int seed)
    {
        _scenario = scenario;
        _random = new Random(seed);
        _normal = new NormalStream(_random);
        _population = scenario.Iid ? null : new UnitPopulation(scenario, _random, _normal);
        _canaryLatencyShift = Math.Log(scenario.CanaryLatencyFactor);
        _outageLatencyShift = Math.Log(scenario.OutageLatencyFactor);
        Baseline = new ClusteredArm(scenario.Units, scenario.LatencyLogMean);
        Canary = new ClusteredArm(scenario.Units, scenario.LatencyLogMean);
    }

    public ClusteredArm Baseline { get; }

    public ClusteredArm Canary { get; }

    /// <summary>Simulates the requests of <paramref name="minute"/> with the canary share <paramref name="share"/>.</summary>
    public void SimulateMinute(int minute, double share)
    {
        var s = _scenario;
        var requests = PoissonSampler.Sample(_random, s.RateAt(minute));
        var outage = s.InOutage(minute);
        var outageError = outage ? s.OutageErrorRate : 0;
        var latencyShift = outage ? _outageLatencyShift : 0;
        var baselineRate = s.BaselineErrorRate;
        var canaryRate = s.BaselineErrorRate * s.CanaryErrorFactor;
        for (long r = 0; r < requests; r++)
        {
            int unit;
            UnitKey key;
            double bucket, offset;
            bool failing, dropped;
            if (_population is { } population)
            {
                unit = population.Sample(_random);
                key = population.Keys[unit];
                bucket = population.Buckets[unit];
                failing = population.Failing[unit];
                offset = population.LatencyOffsets[unit];
                dropped = population.Dropped[unit];
            }
            else
            {
                unit = -1;
                key = UnitPopulation.RandomKey(_random);
                bucket = _random.NextDouble();
                failing = s.FailingUnitShare > 0 && _random.NextDouble() < s.FailingUnitShare;
                offset = s.UnitLatencyLogSd > 0 ? s.UnitLatencyLogSd * _normal.Next() : 0;
                dropped = s.DroppedCanaryUnitShare > 0 && _random.NextDouble() < s.DroppedCanaryUnitShare;
            }

            var canary = bucket < share;
            if (canary && dropped)
            {
                continue;
            }

            var p = failing ? s.FailingUnitErrorRate : canary ? canaryRate : baselineRate;
            p += outageError * (1 - p);
            var error = _random.NextDouble() < p;
            var logLatency = s.LatencyLogMean + offset + (s.LatencyLogSd * _normal.Next()) + latencyShift + (canary ? _canaryLatencyShift : 0);
            (canary ? Canary : Baseline).Record(key.Cell, _seen.TryAdd(key), error, logLatency, unit);
        }

        Baseline.EndMinute();
        Canary.EndMinute();
    }
}
