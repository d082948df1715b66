using System;
using System.Numerics;
using ProgressiveDelivery.Analysis.FixedHorizon;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

/// <summary><see cref="FisherExactTest.EstimateOddsRatio"/> against R's documented output and a brute-force solver.</summary>
public class FisherOddsRatioTests
{
    [Fact]
    public void EstimateOddsRatio_TeaTasting_MatchesRDocumentation()
    {
        // R ?fisher.test: fisher.test(TeaTasting) prints "95 percent confidence interval: 0.2117329 621.9337505",
        // "odds ratio 6.408309"; alternative = "greater": "0.3135693 Inf". R solves with uniroot (tol ~1e-4).
        var two = FisherExactTest.EstimateOddsRatio(3, 1, 1, 3);
        Reference.AssertRelative(6.408309, two.Estimate, 1e-4);
        Reference.AssertRelative(0.2117329, two.ConfidenceLower, 1e-4);
        // R finds the upper bound as 1/t with uniroot over t in (0, 1) to tol = eps^0.25 ≈ 1.22e-4 in t: its 621.93
        // is 1/0.0016079, the exact root (626.24, confirmed by the brute-force solver) is 1/0.0015968.
        Reference.AssertRelative(BruteForce(3, 1, 1, 3, (_, _, atMost, _) => 0.025 - atMost), two.ConfidenceUpper, 1e-8);
        Reference.AssertAbsolute(1 / 621.9337505, 1 / two.ConfidenceUpper, 1.22e-4);
        var greater = FisherExactTest.EstimateOddsRatio(3, 1, 1, 3, alternative: TestAlternative.Greater);
        Reference.AssertRelative(0.3135693, greater.ConfidenceLower, 1e-4);
        Assert.Equal(double.PositiveInfinity, greater.ConfidenceUpper);
    }

    [Fact]
    public void EstimateOddsRatio_Convictions_MatchesRDocumentation()
    {
        // R ?fisher.test: fisher.test(Convictions, alternative = "less") prints "0.0000000 0.2849601",
        // "odds ratio 0.04693661".
        var less = FisherExactTest.EstimateOddsRatio(2, 15, 10, 3, alternative: TestAlternative.Less);
        Reference.AssertRelative(0.04693661, less.Estimate, 1e-4);
        Assert.Equal(0, less.ConfidenceLower);
        Reference.AssertRelative(0.2849601, less.ConfidenceUpper, 1e-4);
    }

    [Theory]
    [InlineData(3, 1, 1, 3)]
    [InlineData(12, 5, 7, 19)]
    [InlineData(40, 960, 25, 975)]
    [InlineData(1, 30, 8, 22)]
    [InlineData(150, 120, 130, 160)]
    public void EstimateOddsRatio_SmallTables_MatchBruteForceSolver(long a, long b, long c, long d)
    {
        var result = FisherExactTest.EstimateOddsRatio(a, b, c, d, 0.9);
        Reference.AssertRelative(BruteForce(a, b, c, d, (x, mean, _, _) => mean - x), result.Estimate, 1e-8, "estimate");
        Reference.AssertRelative(BruteForce(a, b, c, d, (_, _, _, atLeast) => atLeast - 0.05), result.ConfidenceLower, 1e-8, "lower");
        Reference.AssertRelative(BruteForce(a, b, c, d, (_, _, atMost, _) => 0.05 - atMost), result.ConfidenceUpper, 1e-8, "upper");
    }

    [Fact]
    public void EstimateOddsRatio_MillionsOfRequests_BracketsTheSampleOddsRatio()
    {
        // 0.5% vs 0.55% errors over two million requests each.
        var result = FisherExactTest.EstimateOddsRatio(11_000, 1_989_000, 10_000, 1_990_000);
        var sample = FisherExactTest.Compute(11_000, 1_989_000, 10_000, 1_990_000).SampleOddsRatio;
        Reference.AssertRelative(sample, result.Estimate, 1e-4);
        Assert.InRange(result.ConfidenceLower, 1.05, 1.08);
        Assert.InRange(result.ConfidenceUpper, 1.13, 1.16);
    }

    [Fact]
    public void EstimateOddsRatio_CellAtEndOfRange_ReturnsZeroOrInfinity()
    {
        var zero = FisherExactTest.EstimateOddsRatio(0, 10, 5, 5);
        Assert.Equal(0, zero.Estimate);
        Assert.Equal(0, zero.ConfidenceLower);
        Assert.True(zero.ConfidenceUpper is > 0 and < double.PositiveInfinity);
        var infinite = FisherExactTest.EstimateOddsRatio(5, 0, 5, 5);
        Assert.Equal(double.PositiveInfinity, infinite.Estimate);
        Assert.Equal(double.PositiveInfinity, infinite.ConfidenceUpper);
    }

    // Solves f(ψ) = 0 (f increasing in ψ) by bisection on ln ψ, with the noncentral distribution summed over its whole
    // support from exact big-integer central weights. f receives (a, mean, P(X <= a), P(X >= a)).
    private static double BruteForce(long a, long b, long c, long d, Func<long, double, double, double, double> f)
    {
        long m = a + c, n = b + d, k = a + b, low = Math.Max(0, k - n), high = Math.Min(k, m);
        var logWeights = new double[high - low + 1];
        for (var i = low; i <= high; i++)
        {
            logWeights[i - low] = BigInteger.Log(Binomial(m, i) * Binomial(n, k - i));
        }

        double Value(double theta)
        {
            var max = double.NegativeInfinity;
            for (var i = low; i <= high; i++)
            {
                max = Math.Max(max, logWeights[i - low] + (i * theta));
            }

            double total = 0, mean = 0, atMost = 0, atLeast = 0;
            for (var i = low; i <= high; i++)
            {
                var w = Math.Exp(logWeights[i - low] + (i * theta) - max);
                total += w;
                mean += i * w;
                atMost += i <= a ? w : 0;
                atLeast += i >= a ? w : 0;
            }

            return f(a, mean / total, atMost / total, atLeast / total);
        }

        double lowTheta = -30, highTheta = 30;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var middle = (lowTheta + highTheta) / 2;
            if (Value(middle) < 0)
            {
                lowTheta = middle;
            }
            else
            {
                highTheta = middle;
            }
        }

        return Math.Exp((lowTheta + highTheta) / 2);
    }

    private static BigInteger Binomial(long n, long k)
    {
        BigInteger result = 1;
        for (long i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
