using System;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>
/// The Mann-Whitney U (Wilcoxon rank-sum) test with the normal approximation exactly as R's
/// <c>wilcox.test(x, y, exact = FALSE, correct = TRUE)</c>: U from average ranks for ties, the tie-corrected variance
/// σ² = nx·ny/12 · [(N + 1) - Σ(t³ - t)/(N(N - 1))], and the continuity correction (±½ toward the null), plus the
/// Hodges-Lehmann shift estimate and its interval (<see cref="EstimateShift(ReadOnlySpan{double}, ReadOnlySpan{double}, double, TestAlternative, bool)"/>).
/// </summary>
/// <remarks>
/// Works on raw samples and on <see cref="LogLinearHistogram"/>s: for histograms every non-empty bucket is a tie group
/// at its representative value, so the result equals R's test on the samples with each value replaced by its bucket's
/// representative (within <see cref="LogLinearHistogram.RelativeError"/> of it). Cost: O(n log n) for raw samples,
/// O(number of non-empty buckets) for histograms.
/// </remarks>
public static partial class MannWhitneyTest
{
    /// <summary>Runs the test on two raw samples.</summary>
    /// <param name="x">The first sample (e.g. canary latencies); at least one finite value.</param>
    /// <param name="y">The second sample (e.g. baseline latencies); at least one finite value.</param>
    /// <param name="alternative">The alternative about the location of x relative to y.</param>
    /// <param name="continuityCorrection">Whether to apply the continuity correction (R's <c>correct</c>).</param>
    /// <returns>U, z and the p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A sample is empty or holds a non-finite value, or <paramref name="alternative"/> is undefined.</exception>
    public static MannWhitneyTestResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TestAlternative alternative = TestAlternative.TwoSided, bool continuityCorrection = true) =>
        Compute(RankGroups.FromSample(x, nameof(x)), RankGroups.FromSample(y, nameof(y)), alternative, continuityCorrection);

    /// <summary>Runs the test on two histograms (each bucket a tie group at its representative value).</summary>
    /// <param name="x">The first sample's histogram; at least one value.</param>
    /// <param name="y">The second sample's histogram; at least one value.</param>
    /// <param name="alternative">The alternative about the location of x relative to y.</param>
    /// <param name="continuityCorrection">Whether to apply the continuity correction (R's <c>correct</c>).</param>
    /// <returns>U, z and the p-value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A histogram is empty or <paramref name="alternative"/> is undefined.</exception>
    public static MannWhitneyTestResult Compute(LogLinearHistogram x, LogLinearHistogram y, TestAlternative alternative = TestAlternative.TwoSided, bool continuityCorrection = true) =>
        Compute(RankGroups.FromHistogram(x, nameof(x)), RankGroups.FromHistogram(y, nameof(y)), alternative, continuityCorrection);

    private static MannWhitneyTestResult Compute(RankGroups x, RankGroups y, TestAlternative alternative, bool continuityCorrection)
    {
        TestArguments.ValidateAlternative(alternative);
        var (u, tieTerm) = StatisticAndTies(x, y);
        var sigma = Sigma(x.Total, y.Total, tieTerm);
        var centred = u - ((double)x.Total * y.Total / 2);
        if (!(sigma > 0))
        {
            return new MannWhitneyTestResult(u, 0, 1, x.Total, y.Total);
        }

        var correction = !continuityCorrection ? 0 : alternative switch
        {
            TestAlternative.Greater => 0.5,
            TestAlternative.Less => -0.5,
            _ => 0.5 * Math.Sign(centred),
        };
        var z = (centred - correction) / sigma;
        return new MannWhitneyTestResult(u, z, TestArguments.NormalPValue(z, alternative), x.Total, y.Total);
    }

    // U = Σ over x's groups of count · (#y below + ½ #y equal), and Σ(t³ - t) over the tie groups of the pooled sample.
    private static (double U, double TieTerm) StatisticAndTies(RankGroups x, RankGroups y)
    {
        Int128 twiceU = 0;
        double tieTerm = 0;
        long yBelow = 0;
        int i = 0, j = 0;
        while (i < x.Length || j < y.Length)
        {
            var value = j >= y.Length || (i < x.Length && x.Values[i] <= y.Values[j]) ? x.Values[i] : y.Values[j];
            long countX = 0, countY = 0;
            if (i < x.Length && x.Values[i] == value)
            {
                countX = x.Counts[i++];
            }

            if (j < y.Length && y.Values[j] == value)
            {
                countY = y.Counts[j++];
            }

            twiceU += (Int128)countX * ((2 * yBelow) + countY);
            yBelow += countY;
            double t = countX + countY;
            tieTerm += ((t * t) - 1) * t;
        }

        return ((double)twiceU / 2, tieTerm);
    }

    // The standard deviation of U under the null, with the tie correction.
    private static double Sigma(long countX, long countY, double tieTerm)
    {
        double n = countX + countY;
        var tieShare = n > 1 ? tieTerm / (n * (n - 1)) : 0;
        return Math.Sqrt((double)countX * countY / 12 * (n + 1 - tieShare));
    }
}
