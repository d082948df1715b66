namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>
/// A distribution of values summarised in ordered buckets (a histogram): all <see cref="SequentialQuantileTest"/>
/// needs. Bucket i holds <c>count</c> values, each within [lower, upper]; the ranges come in increasing order and do
/// not overlap (upper of bucket i ≤ lower of bucket i + 1, equality allowed for adjacent buckets); the counts sum to
/// <see cref="TotalCount"/>. Exact values are buckets with lower = upper.
/// </summary>
public interface IBucketedDistribution
{
    /// <summary>The number of values.</summary>
    long TotalCount { get; }

    /// <summary>The number of buckets (empty buckets may be listed or left out).</summary>
    int BucketCount { get; }

    /// <summary>Reads one bucket.</summary>
    /// <param name="index">The bucket's index, in [0, <see cref="BucketCount"/>), in increasing order of values.</param>
    /// <param name="lower">Receives the smallest value the bucket may hold.</param>
    /// <param name="upper">Receives the largest value the bucket may hold.</param>
    /// <param name="count">Receives the number of values in the bucket.</param>
    void GetBucket(int index, out double lower, out double upper, out long count);
}
