using System;
using System.Collections.Generic;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// One simulated arm's cumulative observations, fed per minute with sufficient statistics (counts, and the count, mean
/// and M2 of the minute's log latencies, merged by Chan et al.'s formula), never per request.
/// </summary>
internal sealed class ArmAccumulator
{
    public long Exposures { get; private set; }

    public long Errors { get; private set; }

    public long LatencyCount { get; private set; }

    public double LatencyMean { get; private set; }

    public double LatencyM2 { get; private set; }

    private double _min = double.NaN;
    private double _max = double.NaN;

    public void AddMinute(long exposures, long errors)
    {
        Exposures += exposures;
        Errors += errors;
    }

    /// <summary>Adds a minute of <paramref name="count"/> values with the given mean and M2.</summary>
    public void AddValues(long count, double mean, double m2)
    {
        if (count == 0)
        {
            return;
        }

        var total = LatencyCount + count;
        var delta = mean - LatencyMean;
        LatencyMean += delta * count / total;
        LatencyM2 += m2 + (delta * delta * LatencyCount * count / total);
        LatencyCount = total;
        _min = double.IsNaN(_min) ? mean : Math.Min(_min, mean);
        _max = double.IsNaN(_max) ? mean : Math.Max(_max, mean);
    }

    /// <summary>The arm's cumulative summary as the judge receives it (min and max are those of the minute means).</summary>
    public ArmSummary ToSummary(bool errors, bool latency)
    {
        KeyValuePair<string, long>[]? counts = errors ? [new("errors", Errors)] : null;
        KeyValuePair<string, ValueSummary>[]? values = null;
        if (latency)
        {
            var summary = LatencyCount == 0
                ? ValueSummary.Empty
                : new ValueSummary(LatencyCount, LatencyMean, LatencyM2, Math.Min(_min, LatencyMean), Math.Max(_max, LatencyMean));
            values = [new("latency", summary)];
        }

        return new ArmSummary(Exposures, counts, values);
    }
}
