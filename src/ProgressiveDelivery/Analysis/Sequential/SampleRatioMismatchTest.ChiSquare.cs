using System;
using ProgressiveDelivery.Analysis.Internal;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <content>The fixed-horizon Pearson chi-square.</content>
public sealed partial class SampleRatioMismatchTest
{
    /// <summary>
    /// Pearson's chi-square test of observed counts against expected shares: Σ (O_i - E_i)² / E_i with E_i = N·θ_i,
    /// on (arms with θ_i &gt; 0) - 1 degrees of freedom. Valid once, at a fixed sample size; repeated looks need the
    /// sequential test.
    /// </summary>
    /// <param name="observed">The counts per arm, each ≥ 0.</param>
    /// <param name="expectedShares">The expected share per arm, each ≥ 0, summing to 1.</param>
    /// <returns>The statistic, degrees of freedom and p-value.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, have fewer than two arms, or the shares do not sum to 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or a share is negative.</exception>
    public static ChiSquareTestResult PearsonChiSquare(ReadOnlySpan<long> observed, ReadOnlySpan<double> expectedShares)
    {
        if (observed.Length != expectedShares.Length || observed.Length < 2)
        {
            throw new ArgumentException("Expected at least two arms and one share per count.", nameof(expectedShares));
        }

        long total = 0;
        var shareSum = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            if (observed[i] < 0 || !(expectedShares[i] >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(observed), "Counts and shares must be >= 0.");
            }

            total += observed[i];
            shareSum += expectedShares[i];
        }

        if (Math.Abs(shareSum - 1) > 1e-9)
        {
            throw new ArgumentException("The expected shares must sum to 1.", nameof(expectedShares));
        }

        Span<double> expected = observed.Length <= 64 ? stackalloc double[observed.Length] : new double[observed.Length];
        for (var i = 0; i < observed.Length; i++)
        {
            expected[i] = total * expectedShares[i];
        }

        return Pearson(observed, expected);
    }

    /// <summary>
    /// The Pearson chi-square of all exposures so far against the expected counts accumulated with the shares in force
    /// (a report; with changing shares the pooled statistic is conservative relative to χ²).
    /// </summary>
    /// <returns>The statistic, degrees of freedom and p-value.</returns>
    public ChiSquareTestResult ChiSquare() => Pearson(_totals, _expectedTotals);

    private static ChiSquareTestResult Pearson(ReadOnlySpan<long> observed, ReadOnlySpan<double> expected)
    {
        var statistic = 0.0;
        var cells = 0;
        for (var i = 0; i < observed.Length; i++)
        {
            if (expected[i] > 0)
            {
                var deviation = observed[i] - expected[i];
                statistic += deviation * deviation / expected[i];
                cells++;
            }
            else if (observed[i] > 0)
            {
                statistic = double.PositiveInfinity;
            }
        }

        var degreesOfFreedom = Math.Max(cells - 1, 1);
        if (cells < 2)
        {
            return new ChiSquareTestResult(double.IsInfinity(statistic) ? statistic : 0, degreesOfFreedom, double.IsInfinity(statistic) ? 0 : 1);
        }

        var pValue = double.IsInfinity(statistic) ? 0 : SpecialFunctions.ChiSquareSurvival(statistic, degreesOfFreedom);
        return new ChiSquareTestResult(statistic, degreesOfFreedom, pValue);
    }
}
