using System;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>The count, mean and sample variance of one arm's values: all a mean comparison needs.</summary>
public readonly struct SampleMoments : IEquatable<SampleMoments>
{
    /// <summary>Creates the moments of one arm.</summary>
    /// <param name="count">The number of values, ≥ 0.</param>
    /// <param name="mean">The mean of the values (any finite number; ignored when <paramref name="count"/> is 0).</param>
    /// <param name="variance">The sample variance (divisor n - 1), ≥ 0; 0 when fewer than two values.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count or the variance is negative, or a number is not finite.</exception>
    public SampleMoments(long count, double mean, double variance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        }

        if (!(variance >= 0) || double.IsInfinity(variance))
        {
            throw new ArgumentOutOfRangeException(nameof(variance), variance, "The variance must be finite and >= 0.");
        }

        Count = count;
        Mean = mean;
        Variance = variance;
    }

    /// <summary>The number of values.</summary>
    public long Count { get; }

    /// <summary>The mean of the values.</summary>
    public double Mean { get; }

    /// <summary>The sample variance (divisor n - 1).</summary>
    public double Variance { get; }

    /// <summary>Whether two moments are equal member by member.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(SampleMoments left, SampleMoments right) => left.Equals(right);

    /// <summary>Whether two moments differ in some member.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(SampleMoments left, SampleMoments right) => !left.Equals(right);

    /// <summary>Creates moments from a count, a mean and the sum of squared deviations M2 (Welford's accumulator).</summary>
    /// <param name="count">The number of values.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="sumOfSquaredDeviations">M2 = Σ (x - mean)², ≥ 0.</param>
    /// <returns>The moments, with variance M2 / (n - 1) (0 when n &lt; 2).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static SampleMoments FromSumOfSquares(long count, double mean, double sumOfSquaredDeviations) =>
        new(count, mean, count > 1 ? sumOfSquaredDeviations / (count - 1) : 0);

    /// <summary>The moments of a <see cref="ValueSummary"/> (its count, mean and M2).</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The moments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The summary holds a non-finite mean or M2.</exception>
    public static SampleMoments FromSummary(ValueSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return FromSumOfSquares(summary.Count, summary.Count > 0 ? summary.Mean : 0, summary.Count > 1 ? summary.M2 : 0);
    }

    /// <inheritdoc/>
    public bool Equals(SampleMoments other) => Count == other.Count && Mean.Equals(other.Mean) && Variance.Equals(other.Variance);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SampleMoments other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, Mean, Variance);
}
