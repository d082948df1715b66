using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// Presents a <see cref="LogLinearHistogram"/>'s non-empty buckets (ascending) as the <see cref="IBucketedDistribution"/>
/// the sequential quantile test reads. Each bucket is given as the closed range [lower, upper], which contains the
/// histogram's half-open range, so the test's bounds stay valid.
/// </summary>
internal sealed class HistogramDistribution : IBucketedDistribution
{
    private readonly HistogramBucket[] _buckets;

    public HistogramDistribution(LogLinearHistogram histogram)
    {
        _buckets = histogram.GetBuckets();
        long total = 0;
        foreach (var bucket in _buckets)
        {
            total += bucket.Count;
        }

        TotalCount = total;
    }

    public long TotalCount { get; }

    public int BucketCount => _buckets.Length;

    public void GetBucket(int index, out double lower, out double upper, out long count)
    {
        var bucket = _buckets[index];
        lower = bucket.Lower;
        upper = bucket.Upper;
        count = bucket.Count;
    }
}
