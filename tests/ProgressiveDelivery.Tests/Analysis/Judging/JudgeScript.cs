using System;
using System.Collections.Generic;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

/// <summary>
/// Feeds a judge deterministic per-look increments (exposures and event counts per metric; value moments per metric)
/// as cumulative summaries, one look per minute.
/// </summary>
internal sealed class JudgeScript
{
    private readonly Dictionary<string, long> _baselineCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _canaryCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueSummary> _baselineValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueSummary> _canaryValues = new(StringComparer.Ordinal);
    private long _baselineExposures;
    private long _canaryExposures;
    private int _minute;

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public double CanaryShare { get; set; } = 0.1;

    public JudgeScript Exposures(long baseline, long canary)
    {
        _baselineExposures += baseline;
        _canaryExposures += canary;
        return this;
    }

    public JudgeScript Events(string metric, long baseline, long canary)
    {
        _baselineCounts[metric] = _baselineCounts.GetValueOrDefault(metric) + baseline;
        _canaryCounts[metric] = _canaryCounts.GetValueOrDefault(metric) + canary;
        return this;
    }

    /// <summary>Adds <paramref name="count"/> values per arm with the given means and a standard deviation of 1 around them.</summary>
    public JudgeScript Values(string metric, long count, double baselineMean, double canaryMean)
    {
        Add(_baselineValues, metric, count, baselineMean);
        Add(_canaryValues, metric, count, canaryMean);
        return this;
    }

    public JudgeInput Next()
    {
        _minute++;
        return new JudgeInput(
            new ArmSummary(_baselineExposures, _baselineCounts, _baselineValues),
            new ArmSummary(_canaryExposures, _canaryCounts, _canaryValues),
            CanaryShare,
            Start + TimeSpan.FromMinutes(_minute));
    }

    private static void Add(Dictionary<string, ValueSummary> values, string metric, long count, double mean)
    {
        // count values at mean - 1 and mean + 1 in equal halves (count even): mean `mean`, M2 = count.
        var minute = new ValueSummary(count, mean, count, mean - 1, mean + 1);
        values[metric] = values.TryGetValue(metric, out var previous) ? ValueSummary.Merge(previous, minute) : minute;
    }
}
