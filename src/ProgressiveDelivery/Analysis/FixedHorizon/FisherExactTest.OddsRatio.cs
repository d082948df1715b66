using System;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <content>The conditional maximum-likelihood odds ratio and its exact interval (Fisher's noncentral hypergeometric).</content>
public static partial class FisherExactTest
{
    private const double MaxLogOddsRatio = 700;

    private enum Quantity
    {
        Mean,
        AtMost,
        AtLeast,
    }

    /// <summary>
    /// Estimates the odds ratio of the table [[a, b], [c, d]] as R's <c>fisher.test</c> does: the conditional maximum
    /// likelihood estimate (the ψ at which the mean of Fisher's noncentral hypergeometric distribution equals a), and the
    /// exact interval whose ends solve P_ψ(X ≥ a) = α and P_ψ(X ≤ a) = α (α = (1 - level)/2 for two-sided intervals).
    /// R solves these with <c>uniroot</c> (tolerance about 1e-4); here they are solved to about 1e-12 in ln ψ.
    /// </summary>
    /// <param name="a">Events in the first sample.</param>
    /// <param name="b">Non-events in the first sample.</param>
    /// <param name="c">Events in the second sample.</param>
    /// <param name="d">Non-events in the second sample.</param>
    /// <param name="confidenceLevel">The confidence level, in (0, 1).</param>
    /// <param name="alternative">Two-sided interval, or one-sided: "less" gives [0, upper], "greater" [lower, +∞).</param>
    /// <returns>The estimate and its interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A cell is negative or another argument is out of range.</exception>
    public static OddsRatioEstimate EstimateOddsRatio(long a, long b, long c, long d, double confidenceLevel = 0.95, TestAlternative alternative = TestAlternative.TwoSided)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArgumentOutOfRangeException(a < 0 ? nameof(a) : b < 0 ? nameof(b) : c < 0 ? nameof(c) : nameof(d), "Table cells must be >= 0.");
        }

        TestArguments.ValidateConfidence(confidenceLevel);
        TestArguments.ValidateAlternative(alternative);
        var distribution = new Hypergeometric(successes: checked(a + c), failures: checked(b + d), draws: checked(a + b));
        var estimate = a == distribution.Low ? 0
            : a == distribution.High ? double.PositiveInfinity
            : Solve(distribution, a, Quantity.Mean, a);
        var alpha = alternative == TestAlternative.TwoSided ? (1 - confidenceLevel) / 2 : 1 - confidenceLevel;
        var lower = alternative == TestAlternative.Less || a == distribution.Low ? 0 : Solve(distribution, a, Quantity.AtLeast, alpha);
        var upper = alternative == TestAlternative.Greater || a == distribution.High ? double.PositiveInfinity : Solve(distribution, a, Quantity.AtMost, alpha);
        return new OddsRatioEstimate(estimate, lower, upper, confidenceLevel);
    }

    // The ψ at which the quantity (increasing in ψ for Mean and AtLeast, decreasing for AtMost) equals target:
    // bracket ln ψ by doubling, then bisect to the resolution of a double.
    private static double Solve(Hypergeometric distribution, long a, Quantity quantity, double target)
    {
        var sign = quantity == Quantity.AtMost ? -1 : 1;
        double Excess(double theta) => sign * (Evaluate(distribution, theta, a, quantity) - target);

        double low = -1, high = 1;
        while (Excess(low) > 0)
        {
            high = low;
            low *= 2;
            if (low < -MaxLogOddsRatio)
            {
                return 0;
            }
        }

        while (Excess(high) < 0)
        {
            low = high;
            high *= 2;
            if (high > MaxLogOddsRatio)
            {
                return double.PositiveInfinity;
            }
        }

        for (var i = 0; i < 200 && high - low > 1e-13 * Math.Max(1, Math.Abs(low)); i++)
        {
            var middle = 0.5 * (low + high);
            if (Excess(middle) < 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return Math.Exp(0.5 * (low + high));
    }

    // The mean, P(X <= a) or P(X >= a) of Fisher's noncentral hypergeometric distribution with odds ratio e^theta:
    // weights P0(i)·ψ^i summed outward from their mode with the ratio recurrence, stopping when terms are negligible.
    private static double Evaluate(Hypergeometric distribution, double theta, long a, Quantity quantity)
    {
        var psi = Math.Exp(theta);
        var mode = NoncentralMode(distribution, theta);
        double total = 0, shift = 0, selected = 0;
        double weight = 1;
        for (var i = mode; ; i++)
        {
            total += weight;
            shift += weight * (i - mode);
            selected += Selected(i, a, quantity) ? weight : 0;
            if (i >= distribution.High || weight < NegligibleTerm * total)
            {
                break;
            }

            weight *= distribution.RatioUp(i) * psi;
        }

        weight = 1;
        for (var i = mode; i > distribution.Low;)
        {
            weight *= distribution.RatioDown(i) / psi;
            i--;
            total += weight;
            shift += weight * (i - mode);
            selected += Selected(i, a, quantity) ? weight : 0;
            if (weight < NegligibleTerm * total)
            {
                break;
            }
        }

        return quantity == Quantity.Mean ? mode + (shift / total) : selected / total;
    }

    private static bool Selected(long i, long a, Quantity quantity) => quantity switch
    {
        Quantity.AtMost => i <= a,
        Quantity.AtLeast => i >= a,
        _ => false,
    };

    // The largest i whose weight is at least its left neighbour's: the weights P0(i)·ψ^i are log-concave in i.
    private static long NoncentralMode(Hypergeometric distribution, double theta)
    {
        long low = distribution.Low, high = distribution.High;
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (Math.Log(distribution.RatioUp(middle - 1)) + theta >= 0)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
