using System;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

// One sample as tie groups: its distinct values in ascending order with their multiplicities. Raw samples are sorted
// and grouped; a histogram's buckets are groups at their representative values. Rank statistics only need this.
internal sealed class RankGroups
{
    private RankGroups(double[] values, long[] counts, int length)
    {
        Values = values;
        Counts = counts;
        Length = length;
        double tieTerm = 0;
        long total = 0;
        for (var i = 0; i < length; i++)
        {
            total = checked(total + counts[i]);
            double t = counts[i];
            tieTerm += ((t * t) - 1) * t;
        }

        Total = total;
        TieTerm = tieTerm;
    }

    public double[] Values { get; }

    public long[] Counts { get; }

    public int Length { get; }

    public long Total { get; }

    // Σ (t³ - t) over this sample's own tie groups.
    public double TieTerm { get; }

    public double Min => Values[0];

    public double Max => Values[Length - 1];

    public static RankGroups FromSample(ReadOnlySpan<double> sample, string name)
    {
        if (sample.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(name, "Each sample needs at least one value.");
        }

        var sorted = sample.ToArray();
        foreach (var value in sorted)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(name, value, "Values must be finite.");
            }
        }

        Array.Sort(sorted);
        var counts = new long[sorted.Length];
        var length = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (length > 0 && sorted[i] == sorted[length - 1])
            {
                counts[length - 1]++;
            }
            else
            {
                sorted[length] = sorted[i];
                counts[length++] = 1;
            }
        }

        return new RankGroups(sorted, counts, length);
    }

    public static RankGroups FromHistogram(LogLinearHistogram histogram, string name)
    {
        ArgumentNullException.ThrowIfNull(histogram, name);
        var buckets = histogram.GetBuckets();
        if (buckets.Length == 0)
        {
            throw new ArgumentOutOfRangeException(name, "Each histogram needs at least one value.");
        }

        var values = new double[buckets.Length];
        var counts = new long[buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            values[i] = buckets[i].Representative;
            counts[i] = buckets[i].Count;
        }

        return new RankGroups(values, counts, buckets.Length);
    }
}
