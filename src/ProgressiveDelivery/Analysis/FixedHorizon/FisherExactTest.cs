using System;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>
/// Fisher's exact test of independence in a 2×2 table [[a, b], [c, d]] (rows: the two samples, e.g. canary and
/// baseline; columns: events and non-events). Conditional on the margins, a follows the hypergeometric distribution;
/// the p-values are those of R's <c>fisher.test</c>: "less" = P(X ≤ a), "greater" = P(X ≥ a), two-sided = the sum of
/// the probabilities of all tables no more likely than the observed one, with R's relative tolerance 1e-7
/// (P(i) ≤ P(a)·(1 + 1e-7)).
/// </summary>
/// <remarks>
/// Probabilities are computed in log space with Loader's saddle-point method, so tables with millions or billions of
/// observations neither overflow nor lose accuracy. Sums start at the tail boundaries and run outward from the mode
/// with early stopping once terms fall below 1e-17 of the running sum, so the cost grows with the standard deviation
/// of the hypergeometric distribution, not with the size of its support; the region boundaries are found by bisection.
/// </remarks>
public static partial class FisherExactTest
{
    private const double RelativeTolerance = 1e-7;
    private const double NegligibleTerm = 1e-17;

    /// <summary>Runs the test on the table [[a, b], [c, d]].</summary>
    /// <param name="a">Events in the first sample (row 1, column 1).</param>
    /// <param name="b">Non-events in the first sample (row 1, column 2).</param>
    /// <param name="c">Events in the second sample (row 2, column 1).</param>
    /// <param name="d">Non-events in the second sample (row 2, column 2).</param>
    /// <param name="alternative">The alternative about the odds ratio: less than 1, greater than 1, or different.</param>
    /// <returns>The p-value and the sample odds ratio.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A cell is negative or <paramref name="alternative"/> is undefined.</exception>
    public static FisherExactTestResult Compute(long a, long b, long c, long d, TestAlternative alternative = TestAlternative.TwoSided)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArgumentOutOfRangeException(a < 0 ? nameof(a) : b < 0 ? nameof(b) : c < 0 ? nameof(c) : nameof(d), "Table cells must be >= 0.");
        }

        TestArguments.ValidateAlternative(alternative);
        var distribution = new Hypergeometric(successes: checked(a + c), failures: checked(b + d), draws: checked(a + b));
        var pValue = alternative switch
        {
            TestAlternative.Less => distribution.LowerTail(a),
            TestAlternative.Greater => distribution.UpperTail(a),
            _ => TwoSided(distribution, a),
        };

        var numerator = (double)a * d;
        var denominator = (double)b * c;
        var oddsRatio = denominator > 0 ? numerator / denominator : numerator > 0 ? double.PositiveInfinity : double.NaN;
        return new FisherExactTestResult(Math.Clamp(pValue, 0, 1), oddsRatio);
    }

    private static double TwoSided(Hypergeometric distribution, long observed)
    {
        var threshold = distribution.LogPmf(observed) + Math.Log(1 + RelativeTolerance);
        var (low, high, mode) = (distribution.Low, distribution.High, distribution.Mode);

        // Left of the mode the pmf rises: the tables at most as likely as the observed one there form [low, left].
        var left = LastAtMost(distribution, low, mode, threshold);
        // Right of the mode it falls: they form [right, high].
        var right = FirstAtMost(distribution, mode + 1, high, threshold);

        var p = 0.0;
        if (left >= low)
        {
            p += distribution.LowerTail(left);
        }

        if (right <= high)
        {
            p += distribution.UpperTail(right);
        }

        return p;
    }

    // The largest i in [from, to] (where the pmf is non-decreasing) with ln P(i) <= threshold, or from - 1.
    private static long LastAtMost(Hypergeometric distribution, long from, long to, double threshold)
    {
        if (distribution.LogPmf(from) > threshold)
        {
            return from - 1;
        }

        while (from < to)
        {
            var middle = from + ((to - from + 1) / 2);
            if (distribution.LogPmf(middle) <= threshold)
            {
                from = middle;
            }
            else
            {
                to = middle - 1;
            }
        }

        return from;
    }

    // The smallest i in [from, to] (where the pmf is non-increasing) with ln P(i) <= threshold, or to + 1.
    private static long FirstAtMost(Hypergeometric distribution, long from, long to, double threshold)
    {
        if (from > to || distribution.LogPmf(to) > threshold)
        {
            return to + 1;
        }

        while (from < to)
        {
            var middle = from + ((to - from) / 2);
            if (distribution.LogPmf(middle) <= threshold)
            {
                to = middle;
            }
            else
            {
                from = middle + 1;
            }
        }

        return from;
    }
}
