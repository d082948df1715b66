using System;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>
/// A snapshot of a <see cref="LogLinearHistogram"/> seen as an <see cref="IBucketedDistribution"/>, with each bucket's
/// range widened to every value the histogram may have put in it, so the bounds built on it stay valid.
/// </summary>
/// <remarks>
/// The zero bucket holds every magnitude below <see cref="LogLinearHistogram.MinMagnitude"/>, so it is reported as
/// [-MinMagnitude, MinMagnitude]; the outermost buckets also hold magnitudes beyond
/// <see cref="LogLinearHistogram.MaxMagnitude"/>, so they are open-ended.
/// </remarks>
public sealed class HistogramDistribution : IBucketedDistribution
{
    private readonly HistogramBucket[] _buckets;

    /// <summary>Takes a snapshot of the histogram's non-empty buckets.</summary>
    /// <param name="histogram">The histogram (later recording does not change the snapshot).</param>
    /// <exception cref="ArgumentNullException"><paramref name="histogram"/> is <see langword="null"/>.</exception>
    public HistogramDistribution(LogLinearHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        _buckets = histogram.GetBuckets();
        long total = 0;
        foreach (var bucket in _buckets)
        {
            total += bucket.Count;
        }

        TotalCount = total;
    }

    /// <inheritdoc/>
    public long TotalCount { get; }

    /// <inheritdoc/>
    public int BucketCount => _buckets.Length;

    /// <inheritdoc/>
    public void GetBucket(int index, out double lower, out double upper, out long count)
    {
        var bucket = _buckets[index];
        count = bucket.Count;
        if (bucket.Lower == 0 && bucket.Upper == 0)
        {
            lower = -LogLinearHistogram.MinMagnitude;
            upper = LogLinearHistogram.MinMagnitude;
            return;
        }

        lower = bucket.Lower <= -LogLinearHistogram.MaxMagnitude ? double.NegativeInfinity : bucket.Lower;
        upper = bucket.Upper >= LogLinearHistogram.MaxMagnitude ? double.PositiveInfinity : bucket.Upper;
    }
}
