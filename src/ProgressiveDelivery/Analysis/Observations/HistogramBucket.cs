namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// One non-empty bucket of a <see cref="LogLinearHistogram"/>: the half-open value range
/// [<see cref="Lower"/>, <see cref="Upper"/>) in magnitude, the value that stands for every observation in it, and how
/// many observations fell in it.
/// </summary>
/// <remarks>
/// For negative buckets <see cref="Lower"/> &lt; <see cref="Upper"/> still holds (both negative); the bucket holds
/// values whose magnitude lies in [-<see cref="Upper"/>, -<see cref="Lower"/>). The zero bucket has all three values
/// equal to 0 and holds every value whose magnitude is below <see cref="LogLinearHistogram.MinMagnitude"/>.
/// </remarks>
/// <param name="Lower">The lower bound of the bucket's value range.</param>
/// <param name="Upper">The upper bound of the bucket's value range.</param>
/// <param name="Representative">
/// The value used for every observation in the bucket (the midpoint of the range, 0 for the zero bucket); within
/// <see cref="LogLinearHistogram.RelativeError"/> of any value in the bucket.
/// </param>
/// <param name="Count">The number of observations in the bucket (at least 1).</param>
public readonly record struct HistogramBucket(double Lower, double Upper, double Representative, long Count);
