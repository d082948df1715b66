using System;
using ProgressiveDelivery.Analysis.Internal;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>
/// Welch's unequal-variances t-test of the difference of two means: t = (x̄ - ȳ)/√(sx²/nx + sy²/ny) with the
/// Welch-Satterthwaite degrees of freedom ν = (sx²/nx + sy²/ny)² / [(sx²/nx)²/(nx - 1) + (sy²/ny)²/(ny - 1)];
/// p-values and the interval x̄ - ȳ ± t(ν)·se are those of R's <c>t.test(x, y)</c> (var.equal = FALSE).
/// </summary>
/// <remarks>
/// Works from <see cref="ValueSummary"/> moments, so it costs O(1) however many values were recorded. It assumes the
/// means are approximately normal (large samples or normal data); for heavy-tailed latencies prefer
/// <see cref="MannWhitneyTest"/> or a test on log values.
/// </remarks>
public static class WelchTTest
{
    /// <summary>Runs the test on two value summaries.</summary>
    /// <param name="x">The first sample's summary (e.g. canary); at least 2 values.</param>
    /// <param name="y">The second sample's summary (e.g. baseline); at least 2 values.</param>
    /// <param name="alternative">The alternative about mean(x) - mean(y).</param>
    /// <param name="confidenceLevel">The confidence level of the interval, in (0, 1).</param>
    /// <returns>The statistic, degrees of freedom, p-value and interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sample has fewer than 2 values, or an argument is out of range.</exception>
    public static WelchTTestResult Compute(ValueSummary x, ValueSummary y, TestAlternative alternative = TestAlternative.TwoSided, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Compute(x.Count, x.Mean, x.Variance, y.Count, y.Mean, y.Variance, alternative, confidenceLevel);
    }

    /// <summary>Runs the test on two raw samples.</summary>
    /// <param name="x">The first sample; at least 2 finite values.</param>
    /// <param name="y">The second sample; at least 2 finite values.</param>
    /// <param name="alternative">The alternative about mean(x) - mean(y).</param>
    /// <param name="confidenceLevel">The confidence level of the interval, in (0, 1).</param>
    /// <returns>The statistic, degrees of freedom, p-value and interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A sample has fewer than 2 values, a value is not finite, or an argument is out of range.</exception>
    public static WelchTTestResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TestAlternative alternative = TestAlternative.TwoSided, double confidenceLevel = 0.95)
    {
        var (meanX, varianceX) = Moments(x, nameof(x));
        var (meanY, varianceY) = Moments(y, nameof(y));
        return Compute(x.Length, meanX, varianceX, y.Length, meanY, varianceY, alternative, confidenceLevel);
    }

    /// <summary>Runs the test on sample sizes, means and sample variances (n - 1 denominators).</summary>
    /// <param name="countX">The size of the first sample; at least 2.</param>
    /// <param name="meanX">The mean of the first sample.</param>
    /// <param name="varianceX">The sample variance of the first sample; at least 0.</param>
    /// <param name="countY">The size of the second sample; at least 2.</param>
    /// <param name="meanY">The mean of the second sample.</param>
    /// <param name="varianceY">The sample variance of the second sample; at least 0.</param>
    /// <param name="alternative">The alternative about meanX - meanY.</param>
    /// <param name="confidenceLevel">The confidence level of the interval, in (0, 1).</param>
    /// <returns>The statistic, degrees of freedom, p-value and interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is below 2, a mean or variance is not finite, a variance is negative, both variances are 0, or another
    /// argument is out of range.
    /// </exception>
    public static WelchTTestResult Compute(
        long countX,
        double meanX,
        double varianceX,
        long countY,
        double meanY,
        double varianceY,
        TestAlternative alternative = TestAlternative.TwoSided,
        double confidenceLevel = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(countX, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(countY, 2);
        if (!double.IsFinite(meanX) || !double.IsFinite(meanY) || !(varianceX >= 0) || !(varianceY >= 0) || !double.IsFinite(varianceX + varianceY))
        {
            throw new ArgumentOutOfRangeException(nameof(varianceX), "Means must be finite and variances finite and >= 0.");
        }

        TestArguments.ValidateAlternative(alternative);
        TestArguments.ValidateConfidence(confidenceLevel);
        var shareX = varianceX / countX;
        var shareY = varianceY / countY;
        var squaredError = shareX + shareY;
        if (squaredError == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(varianceX), "The data are essentially constant: both variances are 0.");
        }

        var standardError = Math.Sqrt(squaredError);
        var difference = meanX - meanY;
        var t = difference / standardError;
        var df = squaredError * squaredError / ((shareX * shareX / (countX - 1)) + (shareY * shareY / (countY - 1)));
        var alpha = 1 - confidenceLevel;
        double pValue, lower, upper;
        switch (alternative)
        {
            case TestAlternative.Less:
                pValue = SpecialFunctions.StudentTCdf(t, df);
                (lower, upper) = (double.NegativeInfinity, difference + (SpecialFunctions.StudentTQuantile(1 - alpha, df) * standardError));
                break;
            case TestAlternative.Greater:
                pValue = SpecialFunctions.StudentTCdf(-t, df);
                (lower, upper) = (difference - (SpecialFunctions.StudentTQuantile(1 - alpha, df) * standardError), double.PositiveInfinity);
                break;
            default:
                pValue = SpecialFunctions.StudentTTwoSided(t, df);
                var half = SpecialFunctions.StudentTQuantile(1 - (alpha / 2), df) * standardError;
                (lower, upper) = (difference - half, difference + half);
                break;
        }

        return new WelchTTestResult(difference, standardError, t, df, Math.Min(1, pValue), lower, upper);
    }

    private static (double Mean, double Variance) Moments(ReadOnlySpan<double> values, string name)
    {
        if (values.Length < 2)
        {
            throw new ArgumentOutOfRangeException(name, values.Length, "Each sample needs at least 2 values.");
        }

        var sum = 0.0;
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(name, value, "Values must be finite.");
            }

            sum += value;
        }

        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return (mean, squares / (values.Length - 1));
    }
}
