using System;

namespace ProgressiveDelivery.Analysis.Sequential.Internal;

/// <summary>
/// The discrete prior of <see cref="SequentialCountTest"/>: equally spaced points in λ = ln ρ (ρ = canary event rate per
/// exposure over the baseline's) with weights proportional to the density that a Beta(c·θ, c·(1 - θ)) prior on the
/// canary's share of events induces on λ at the reference share θ. Because the weights are normalised to sum to one,
/// the mixture of likelihood ratios over the points is an exact test martingale whatever the spacing: the grid is the
/// prior, not an approximation whose error could break the guarantee.
/// </summary>
internal static class RateRatioGrid
{
    /// <summary>The grid never reaches beyond ρ = 1000 (or below 1/1000): further out nothing practical changes.</summary>
    private const double MaximumHalfWidth = 6.907755278982137;

    /// <summary>The grid spans this many prior standard deviations of λ on each side of 0.</summary>
    private const double HalfWidthInStandardDeviations = 8;

    /// <summary>Fills the grid points and the normalised log prior weights.</summary>
    /// <param name="concentration">The prior concentration c.</param>
    /// <param name="referenceShare">The share θ at which the prior on the share of events is Beta(cθ, c(1 - θ)).</param>
    /// <param name="side">0 for points on both sides of λ = 0; +1 for λ ≥ 0 only (ρ ≥ 1); -1 for λ ≤ 0 only.</param>
    /// <param name="logRatios">Receives the points λ_g.</param>
    /// <param name="logWeights">Receives ln π_g, with Σ π_g = 1.</param>
    public static void Build(double concentration, double referenceShare, int side, Span<double> logRatios, Span<double> logWeights)
    {
        var a = concentration * referenceShare;
        var b = concentration * (1 - referenceShare);

        // Var(logit p) for p ~ Beta(a, b) is ψ'(a) + ψ'(b); the prior on λ is that of logit p shifted by logit θ.
        var standardDeviation = Math.Sqrt(Trigamma(a) + Trigamma(b));
        var halfWidth = Math.Min(HalfWidthInStandardDeviations * standardDeviation, MaximumHalfWidth);
        var count = logRatios.Length;
        var start = side > 0 ? 0 : -halfWidth;
        var end = side < 0 ? 0 : halfWidth;
        var step = (end - start) / (count - 1);
        var logitShare = Math.Log(referenceShare / (1 - referenceShare));
        for (var g = 0; g < count; g++)
        {
            var lambda = start + (g * step);
            logRatios[g] = lambda;

            // ln p = -softplus(-z), ln(1 - p) = -softplus(z) with z = λ + logit θ; the Jacobian p(1 - p) turns the
            // Beta(a, b) density into a density in λ proportional to p^a (1 - p)^b.
            var z = lambda + logitShare;
            logWeights[g] = -(a * Softplus(-z)) - (b * Softplus(z));
        }

        // Trapezoid weights: the end points carry half a cell, so the discrete prior matches the continuous one to
        // second order in the spacing (the density is largest at λ = 0, an end point of a one-sided grid).
        logWeights[0] -= Math.Log(2);
        logWeights[count - 1] -= Math.Log(2);
        var normaliser = LogSumExp(logWeights);
        for (var g = 0; g < count; g++)
        {
            logWeights[g] -= normaliser;
        }
    }

    /// <summary>ln Σ exp(values[i]) without overflow.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (value > max)
            {
                max = value;
            }
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var value in values)
        {
            sum += Math.Exp(value - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>ln(1 + e^x), accurate for large |x|.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    /// <summary>ψ'(x), the trigamma function, for x &gt; 0 (recurrence up to x ≥ 6, then the asymptotic series).</summary>
    public static double Trigamma(double x)
    {
        var result = 0.0;
        while (x < 6)
        {
            result += 1 / (x * x);
            x += 1;
        }

        var inverse = 1 / x;
        var inverseSquared = inverse * inverse;
        return result + inverse + (inverseSquared / 2)
            + (inverse * inverseSquared * ((1.0 / 6) - (inverseSquared * ((1.0 / 30) - (inverseSquared / 42)))));
    }
}
