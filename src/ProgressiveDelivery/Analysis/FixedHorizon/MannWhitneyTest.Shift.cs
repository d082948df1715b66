using System;
using ProgressiveDelivery.Analysis.Internal;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <content>The Hodges-Lehmann shift estimate and its confidence interval.</content>
public static partial class MannWhitneyTest
{
    /// <summary>
    /// Estimates the location shift x - y by Hodges-Lehmann (the median of the nx·ny pairwise differences) with the
    /// confidence interval R's <c>wilcox.test(x, y, conf.int = TRUE, exact = FALSE)</c> defines: the shifts d at which
    /// the continuity-corrected, tie-corrected statistic of (x - d, y) crosses ±z. Those crossings are order
    /// statistics of the pairwise differences, D(k) with k = ⌈N/2 - c - z·σ⌉ (lower) and ⌈N/2 + c + z·σ⌉ (upper),
    /// N = nx·ny, c = ½ with the correction; they are found exactly in O((nx + ny) log) time without listing the N
    /// differences (R finds them with <c>uniroot</c> to a tolerance of 1e-4).
    /// </summary>
    /// <param name="x">The first sample; at least one finite value.</param>
    /// <param name="y">The second sample; at least one finite value.</param>
    /// <param name="confidenceLevel">The confidence level, in (0, 1).</param>
    /// <param name="alternative">Two-sided interval, or one-sided: "less" gives (-∞, upper], "greater" [lower, +∞).</param>
    /// <param name="continuityCorrection">Whether the statistic is continuity-corrected (R's <c>correct</c>).</param>
    /// <returns>The estimate and its interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A sample is empty or holds a non-finite value, or another argument is out of range.</exception>
    public static HodgesLehmannEstimate EstimateShift(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double confidenceLevel = 0.95, TestAlternative alternative = TestAlternative.TwoSided, bool continuityCorrection = true) =>
        EstimateShift(RankGroups.FromSample(x, nameof(x)), RankGroups.FromSample(y, nameof(y)), confidenceLevel, alternative, continuityCorrection);

    /// <summary>
    /// Estimates the location shift x - y from two histograms, an approximation of the raw-sample estimate: every value
    /// is replaced by its bucket's representative, so each pairwise difference is off by at most
    /// <see cref="LogLinearHistogram.RelativeError"/>·(|x| + |y|), and the interval uses the tie-corrected variance of
    /// the bucketed data (buckets are tie groups). The estimate and bounds are always differences of representatives.
    /// </summary>
    /// <param name="x">The first sample's histogram; at least one value.</param>
    /// <param name="y">The second sample's histogram; at least one value.</param>
    /// <param name="confidenceLevel">The confidence level, in (0, 1).</param>
    /// <param name="alternative">Two-sided interval, or one-sided: "less" gives (-∞, upper], "greater" [lower, +∞).</param>
    /// <param name="continuityCorrection">Whether the statistic is continuity-corrected.</param>
    /// <returns>The estimate and its interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A histogram is empty or another argument is out of range.</exception>
    public static HodgesLehmannEstimate EstimateShift(LogLinearHistogram x, LogLinearHistogram y, double confidenceLevel = 0.95, TestAlternative alternative = TestAlternative.TwoSided, bool continuityCorrection = true) =>
        EstimateShift(RankGroups.FromHistogram(x, nameof(x)), RankGroups.FromHistogram(y, nameof(y)), confidenceLevel, alternative, continuityCorrection);

    private static HodgesLehmannEstimate EstimateShift(RankGroups x, RankGroups y, double confidenceLevel, TestAlternative alternative, bool continuityCorrection)
    {
        TestArguments.ValidateConfidence(confidenceLevel);
        TestArguments.ValidateAlternative(alternative);
        var pairs = (Int128)x.Total * y.Total;
        var half = (double)pairs / 2;
        var estimate = pairs % 2 == 1
            ? KthDifference(x, y, (pairs + 1) / 2)
            : (KthDifference(x, y, pairs / 2) / 2) + (KthDifference(x, y, (pairs / 2) + 1) / 2);

        // Between jumps of the statistic the pooled sample of (x - d, y) has only the within-sample ties.
        var sigma = Sigma(x.Total, y.Total, x.TieTerm + y.TieTerm);
        var c = continuityCorrection ? 0.5 : 0;
        var alpha = 1 - confidenceLevel;
        var z = SpecialFunctions.NormalQuantile(1 - (alternative == TestAlternative.TwoSided ? alpha / 2 : alpha));
        var lower = alternative == TestAlternative.Less ? double.NegativeInfinity : KthDifference(x, y, Rank(half - c - (z * sigma), pairs));
        var upper = alternative == TestAlternative.Greater ? double.PositiveInfinity : KthDifference(x, y, Rank(half + c + (z * sigma), pairs));
        return new HodgesLehmannEstimate(estimate, lower, upper, confidenceLevel);
    }

    // ⌈threshold⌉ clamped to the ranks 1..pairs.
    private static Int128 Rank(double threshold, Int128 pairs)
    {
        var rank = Math.Ceiling(threshold);
        return rank <= 1 ? 1 : rank >= (double)pairs ? pairs : (Int128)rank;
    }

    // The k-th smallest (1-based) of the pairwise differences x - y, counted with multiplicity: the smallest double t
    // with #{x - y <= t} >= k, found by bisection over the ordered bit patterns of doubles (at most 64 counts).
    private static double KthDifference(RankGroups x, RankGroups y, Int128 k)
    {
        var low = OrderedKey(x.Min - y.Max);
        var high = OrderedKey(x.Max - y.Min);
        while (low < high)
        {
            var middle = (long)(((Int128)low + high) >> 1);
            if (CountAtMost(x, y, FromOrderedKey(middle)) >= k)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return FromOrderedKey(low);
    }

    // #{(i, j): x_i - y_j <= t} with multiplicities; for each x (ascending) the y with x - y <= t form a suffix that shrinks.
    private static Int128 CountAtMost(RankGroups x, RankGroups y, double t)
    {
        Int128 count = 0;
        long ySkipped = 0;
        var j = 0;
        for (var i = 0; i < x.Length; i++)
        {
            while (j < y.Length && x.Values[i] - y.Values[j] > t)
            {
                ySkipped += y.Counts[j++];
            }

            count += (Int128)x.Counts[i] * (y.Total - ySkipped);
        }

        return count;
    }

    // A long whose order is the order of the doubles (finite values; -0 and +0 share 0).
    private static long OrderedKey(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return bits >= 0 ? bits : long.MinValue - bits;
    }

    private static double FromOrderedKey(long key) => BitConverter.Int64BitsToDouble(key >= 0 ? key : long.MinValue - key);
}
