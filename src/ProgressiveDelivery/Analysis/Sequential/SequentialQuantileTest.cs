using System;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential.Internal;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>
/// Time-uniform comparison of a quantile (for example p90 latency) between canary and baseline from their histograms,
/// after Howard &amp; Ramdas, "Sequential estimation of quantiles with applications to A/B testing and best-arm
/// identification" (Bernoulli 2022).
/// </summary>
/// <remarks>
/// <para>
/// Their Theorem 2 bounds the empirical distribution function uniformly over values and over time: with probability
/// ≥ 1 - α, |F̂_t(x) - F(x)| ≤ ε_t = A·√((ln(1 + ln(t/m)) + C)/t) for all x and all t ≥ m (A = 0.85, C chosen for α).
/// On that event, any x with (count of values &lt; x) &lt; (q - ε)·t lies at or below the q-quantile, and any x with
/// (count of values ≤ x) ≥ (q + ε)·t lies at or above it. Only bucket edges are used as candidates, with counts that
/// hold whatever the values inside a bucket are, so the histogram's resolution widens the interval but never
/// invalidates it. Each arm's band is built at α/2, so all four bounds hold together, at every look, with
/// probability ≥ 1 - α: "worse" and "non-inferior" verdicts may be read after every update.
/// </para>
/// <para>The values of an arm must be i.i.d. over time; the bounds are not valid for trending data.</para>
/// </remarks>
public static class SequentialQuantileTest
{
    /// <summary>Compares one quantile of the canary with the baseline's.</summary>
    /// <param name="canary">The canary's values so far.</param>
    /// <param name="baseline">The baseline's values so far.</param>
    /// <param name="options">The settings; <see langword="null"/> takes the defaults.</param>
    /// <returns>Both arms' bounds and the verdicts.</returns>
    /// <exception cref="ArgumentNullException">A distribution is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static QuantileComparisonResult Compare(IBucketedDistribution canary, IBucketedDistribution baseline, SequentialQuantileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(baseline);
        options ??= new SequentialQuantileOptions();
        options.Validate();
        var constant = EmpiricalProcessBound.ConstantFor(options.Alpha / 2);
        var c = Bounds(canary, options.Quantile, options.MinimumCount, constant);
        var b = Bounds(baseline, options.Quantile, options.MinimumCount, constant);
        var m = options.RelativeMargin;
        bool worse, nonInferior;
        if (options.HigherIsWorse)
        {
            worse = c.Lower > b.Upper + (m * Math.Abs(b.Upper));
            nonInferior = c.Upper < b.Lower + (m * Math.Abs(b.Lower));
        }
        else
        {
            worse = c.Upper < b.Lower - (m * Math.Abs(b.Lower));
            nonInferior = c.Lower > b.Upper - (m * Math.Abs(b.Upper));
        }

        return new QuantileComparisonResult(options.Quantile, c, b, worse, nonInferior);
    }

    /// <summary>Compares one quantile of the canary's histogram with the baseline's.</summary>
    /// <param name="canary">The canary's values so far.</param>
    /// <param name="baseline">The baseline's values so far.</param>
    /// <param name="options">The settings; <see langword="null"/> takes the defaults.</param>
    /// <returns>Both arms' bounds and the verdicts.</returns>
    /// <exception cref="ArgumentNullException">A histogram is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static QuantileComparisonResult Compare(LogLinearHistogram canary, LogLinearHistogram baseline, SequentialQuantileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(baseline);
        return Compare(new HistogramDistribution(canary), new HistogramDistribution(baseline), options);
    }

    /// <summary>A time-uniform confidence interval for one quantile of one distribution.</summary>
    /// <param name="distribution">The values so far.</param>
    /// <param name="quantile">The quantile, in (0, 1).</param>
    /// <param name="alpha">The probability that the interval ever misses, at any look, in (0, 1).</param>
    /// <param name="minimumCount">The count from which the band is computed (m), ≥ 1.</param>
    /// <returns>The bounds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="distribution"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static QuantileBounds ConfidenceInterval(IBucketedDistribution distribution, double quantile, double alpha, long minimumCount)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var check = new SequentialQuantileOptions { Quantile = quantile, Alpha = alpha, MinimumCount = minimumCount };
        check.Validate();
        return Bounds(distribution, quantile, minimumCount, EmpiricalProcessBound.ConstantFor(alpha));
    }

    /// <summary>The radius ε_t of the time-uniform band around the empirical distribution function.</summary>
    /// <param name="count">The number of values t.</param>
    /// <param name="alpha">The probability that the band is ever exceeded, in (0, 1).</param>
    /// <param name="minimumCount">The count m from which the band holds, ≥ 1.</param>
    /// <returns>ε_t (+∞ below <paramref name="minimumCount"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double BandRadius(long count, double alpha, long minimumCount)
    {
        var check = new SequentialQuantileOptions { Alpha = alpha, MinimumCount = minimumCount };
        check.Validate();
        return EmpiricalProcessBound.Radius(count, minimumCount, EmpiricalProcessBound.ConstantFor(alpha));
    }

    /// <summary>
    /// The interval of <see cref="ConfidenceInterval(IBucketedDistribution, double, double, long)"/> with the band's radius
    /// taken at an effective count <c>total / designEffect</c> (Kish): for values clustered in units, whose variance is
    /// <paramref name="designEffect"/> times that of as many independent values.
    /// </summary>
    internal static QuantileBounds ConfidenceInterval(IBucketedDistribution distribution, double quantile, double alpha, long minimumCount, double designEffect) =>
        Bounds(distribution, quantile, minimumCount, EmpiricalProcessBound.ConstantFor(alpha), designEffect);

    private static QuantileBounds Bounds(IBucketedDistribution distribution, double quantile, long minimumCount, double constant, double designEffect = 1)
    {
        var total = distribution.TotalCount;
        var radius = EmpiricalProcessBound.Radius((long)Math.Floor(total / Math.Max(1, designEffect)), minimumCount, constant);
        var lowerTarget = (quantile - radius) * total;
        var upperTarget = (quantile + radius) * total;
        var rankTarget = quantile * total;
        var lower = double.NegativeInfinity;
        var upper = double.PositiveInfinity;
        var estimate = double.NaN;
        long below = 0;
        for (var i = 0; i < distribution.BucketCount; i++)
        {
            distribution.GetBucket(i, out var bucketLower, out var bucketUpper, out var count);

            // At most `below` values are < bucketLower: if that is < (q - ε)t the quantile is at least bucketLower.
            if (below < lowerTarget)
            {
                lower = bucketLower;
            }

            below += count;
            if (double.IsNaN(estimate) && count > 0 && below >= rankTarget)
            {
                estimate = 0.5 * (bucketLower + bucketUpper);
            }

            // At least `below` values are ≤ bucketUpper: if that is ≥ (q + ε)t the quantile is at most bucketUpper.
            if (below >= upperTarget && count > 0)
            {
                upper = bucketUpper;
                break;
            }
        }

        if (double.IsInfinity(radius))
        {
            lower = double.NegativeInfinity;
            upper = double.PositiveInfinity;
        }

        return new QuantileBounds(total, estimate, lower, upper, radius);
    }
}
