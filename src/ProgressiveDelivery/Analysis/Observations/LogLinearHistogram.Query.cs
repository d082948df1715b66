using System;
using System.Collections.Generic;
using System.Threading;

namespace ProgressiveDelivery.Analysis.Observations;

/// <content>Reading the histogram: quantiles and the non-empty buckets.</content>
public sealed partial class LogLinearHistogram
{
    /// <summary>
    /// Estimates the <paramref name="q"/>-quantile as the representative value of the bucket holding the order statistic
    /// of rank max(1, ⌈q·n⌉) (the inverse of the empirical CDF, type 1 of Hyndman and Fan). The result is within
    /// <see cref="RelativeError"/> of that order statistic (for values in the covered range; 0 for the zero bucket).
    /// </summary>
    /// <param name="q">The probability, in [0, 1].</param>
    /// <returns>The quantile estimate, or <see cref="double.NaN"/> when the histogram is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1] or NaN.</exception>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile's probability must lie in [0, 1].");
        }

        var buckets = GetBuckets();
        long total = 0;
        foreach (var bucket in buckets)
        {
            total += bucket.Count;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1L, (long)Math.Ceiling(q * total));
        long seen = 0;
        foreach (var bucket in buckets)
        {
            seen += bucket.Count;
            if (seen >= rank)
            {
                return bucket.Representative;
            }
        }

        return buckets[^1].Representative;
    }

    /// <summary>
    /// Returns the non-empty buckets in ascending order of value (negative buckets, the zero bucket, positive buckets):
    /// the tie groups a rank test needs.
    /// </summary>
    /// <returns>A new array of the non-empty buckets; empty when nothing was recorded.</returns>
    public HistogramBucket[] GetBuckets()
    {
        var result = new List<HistogramBucket>();
        var negative = Volatile.Read(ref _negative);
        if (negative is not null)
        {
            var raw = RawBuckets(negative);
            for (var i = raw.Count - 1; i >= 0; i--)
            {
                var (index, count) = (raw[i].Key, raw[i].Value);
                result.Add(new HistogramBucket(-UpperOfIndex(index), -LowerOfIndex(index), -RepresentativeOfIndex(index), count));
            }
        }

        var zero = Interlocked.Read(ref _zeroCount);
        if (zero != 0)
        {
            result.Add(new HistogramBucket(0, 0, 0, zero));
        }

        foreach (var (index, count) in RawBuckets(_positive))
        {
            result.Add(new HistogramBucket(LowerOfIndex(index), UpperOfIndex(index), RepresentativeOfIndex(index), count));
        }

        return result.ToArray();
    }

    // The non-empty buckets of one sign (-1, 0, +1) as (index, count) pairs in ascending index; for serialisation.
    internal List<KeyValuePair<int, long>> GetRawBuckets(int sign)
    {
        var result = new List<KeyValuePair<int, long>>();
        if (sign == 0)
        {
            var zero = Interlocked.Read(ref _zeroCount);
            if (zero != 0)
            {
                result.Add(new KeyValuePair<int, long>(0, zero));
            }

            return result;
        }

        var chunks = sign > 0 ? _positive : Volatile.Read(ref _negative);
        return chunks is null ? result : RawBuckets(chunks);
    }

    // The non-empty buckets of one set of chunks in ascending index; binades never touched are skipped.
    private static List<KeyValuePair<int, long>> RawBuckets(long[]?[] chunks)
    {
        var result = new List<KeyValuePair<int, long>>();
        for (var binade = 0; binade < Binades; binade++)
        {
            var chunk = Volatile.Read(ref chunks[binade]);
            if (chunk is null)
            {
                continue;
            }

            for (var sub = 0; sub < SubBucketsPerBinade; sub++)
            {
                var count = Interlocked.Read(ref chunk[sub]);
                if (count != 0)
                {
                    result.Add(new KeyValuePair<int, long>((binade << SubBucketBits) | sub, count));
                }
            }
        }

        return result;
    }
}
