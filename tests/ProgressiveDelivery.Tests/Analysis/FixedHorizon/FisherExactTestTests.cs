using System;
using System.Numerics;
using ProgressiveDelivery.Analysis.FixedHorizon;
using MathNetFunctions = MathNet.Numerics.SpecialFunctions;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

public class FisherExactTestTests
{
    [Fact]
    public void Compute_TeaTasting_MatchesRDocumentation()
    {
        // R ?fisher.test, "Tea tasting" (Agresti 1990): TeaTasting <- matrix(c(3, 1, 1, 3), nrow = 2);
        // fisher.test(TeaTasting) p-value = 0.4857; alternative = "greater": p-value = 0.2429.
        // Exactly: two-sided 34/70 (tables with 0, 1, 3, 4 cups right), greater 17/70.
        Reference.AssertRelative(34.0 / 70, FisherExactTest.Compute(3, 1, 1, 3).PValue, 1e-12);
        Reference.AssertRelative(17.0 / 70, FisherExactTest.Compute(3, 1, 1, 3, TestAlternative.Greater).PValue, 1e-12);
        Reference.AssertAbsolute(0.4857, FisherExactTest.Compute(3, 1, 1, 3).PValue, 5e-5);
        Reference.AssertAbsolute(0.2429, FisherExactTest.Compute(3, 1, 1, 3, TestAlternative.Greater).PValue, 5e-5);
        Assert.Equal(9, FisherExactTest.Compute(3, 1, 1, 3).SampleOddsRatio);
    }

    [Fact]
    public void Compute_Convictions_MatchesRDocumentation()
    {
        // R ?fisher.test, "Convictions" (Fisher 1962): matrix(c(2, 10, 15, 3), nrow = 2) is [[2, 15], [10, 3]];
        // fisher.test(Convictions, alternative = "less") p-value = 0.0004652.
        var p = FisherExactTest.Compute(2, 15, 10, 3, TestAlternative.Less).PValue;
        Reference.AssertAbsolute(0.0004652, p, 5e-8);
        Reference.AssertRelative(BruteForce(2, 15, 10, 3, TestAlternative.Less), p, 1e-9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compute_RandomSmallTables_MatchExactBigIntegerEnumeration(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 45; trial++)
        {
            var scale = trial % 3 == 0 ? 8 : trial % 3 == 1 ? 40 : 150;
            long a = random.Next(scale), b = random.Next(scale), c = random.Next(scale), d = random.Next(scale);
            foreach (var alternative in new[] { TestAlternative.TwoSided, TestAlternative.Less, TestAlternative.Greater })
            {
                Reference.AssertRelative(BruteForce(a, b, c, d, alternative), FisherExactTest.Compute(a, b, c, d, alternative).PValue, 1e-9, $"[[{a},{b}],[{c},{d}]] {alternative}");
            }
        }
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(5, 0, 0, 5)]
    [InlineData(0, 7, 3, 0)]
    [InlineData(4, 4, 4, 4)]
    public void Compute_DegenerateTables_MatchExactEnumeration(long a, long b, long c, long d)
    {
        foreach (var alternative in new[] { TestAlternative.TwoSided, TestAlternative.Less, TestAlternative.Greater })
        {
            Reference.AssertRelative(BruteForce(a, b, c, d, alternative), FisherExactTest.Compute(a, b, c, d, alternative).PValue, 1e-12);
        }
    }

    [Theory]
    [InlineData(10_000, 1_990_000, 10_400, 1_989_600)]
    [InlineData(10_000, 1_990_000, 10_900, 1_989_100)]
    [InlineData(200_000, 300_000, 201_000, 299_000)]
    [InlineData(3, 2_999_997, 17, 2_999_983)]
    public void Compute_MillionsOfEvents_MatchesFullSupportEnumerationWithMathNet(long a, long b, long c, long d)
    {
        // Reference: every term of the support with MathNet's ln-binomials, no shortcuts.
        var (twoSided, less, greater) = FullSupport(a, b, c, d);
        Reference.AssertRelative(twoSided, FisherExactTest.Compute(a, b, c, d).PValue, 1e-6, "two-sided");
        Reference.AssertRelative(less, FisherExactTest.Compute(a, b, c, d, TestAlternative.Less).PValue, 1e-6, "less");
        Reference.AssertRelative(greater, FisherExactTest.Compute(a, b, c, d, TestAlternative.Greater).PValue, 1e-6, "greater");
    }

    [Fact]
    public void Compute_NegativeCell_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherExactTest.Compute(1, -1, 1, 1));

    // Exact: P(i) ∝ C(m, i) C(n, k - i) in big integers; R's two-sided rule P(i) <= P(a)(1 + 1e-7) compared exactly.
    private static double BruteForce(long a, long b, long c, long d, TestAlternative alternative)
    {
        long m = a + c, n = b + d, k = a + b;
        var observed = Binomial(m, a) * Binomial(n, k - a);
        BigInteger selected = 0, total = 0;
        for (var i = Math.Max(0, k - n); i <= Math.Min(k, m); i++)
        {
            var weight = Binomial(m, i) * Binomial(n, k - i);
            total += weight;
            var include = alternative switch
            {
                TestAlternative.Less => i <= a,
                TestAlternative.Greater => i >= a,
                _ => weight * 10_000_000 <= observed * 10_000_001,
            };
            if (include)
            {
                selected += weight;
            }
        }

        return Ratio(selected, total);
    }

    private static (double TwoSided, double Less, double Greater) FullSupport(long a, long b, long c, long d)
    {
        long m = a + c, n = b + d, k = a + b;
        var logTotal = MathNetFunctions.BinomialLn((int)(m + n), (int)k);
        double LogPmf(long i) => MathNetFunctions.BinomialLn((int)m, (int)i) + MathNetFunctions.BinomialLn((int)n, (int)(k - i)) - logTotal;
        var observed = LogPmf(a);
        double twoSided = 0, less = 0, greater = 0;
        for (var i = Math.Max(0, k - n); i <= Math.Min(k, m); i++)
        {
            var logP = LogPmf(i);
            var p = Math.Exp(logP);
            twoSided += logP <= observed + Math.Log(1 + 1e-7) ? p : 0;
            less += i <= a ? p : 0;
            greater += i >= a ? p : 0;
        }

        return (Math.Min(1, twoSided), Math.Min(1, less), Math.Min(1, greater));
    }

    private static BigInteger Binomial(long n, long k)
    {
        if (k < 0 || k > n)
        {
            return BigInteger.Zero;
        }

        BigInteger result = 1;
        k = Math.Min(k, n - k);
        for (long i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        // Scale so that the quotient keeps 30 significant digits before converting.
        var shift = Math.Max(0, (int)(denominator.GetBitLength() - numerator.GetBitLength()) + 100);
        var quotient = (numerator << shift) / denominator;
        return Math.ScaleB((double)quotient, -shift);
    }
}
