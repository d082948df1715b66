using System.Numerics;
using MathNet.Numerics.Distributions;
using Ours = ProgressiveDelivery.Analysis.Internal.SpecialFunctions;
using ReferenceFunctions = MathNet.Numerics.SpecialFunctions;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

/// <summary>The special functions the fixed-horizon tests added, against exact arithmetic and MathNet.</summary>
public class SpecialFunctionsAdditionsTests
{
    [Theory]
    [InlineData(3, 4, 4, 4)]
    [InlineData(0, 10, 20, 5)]
    [InlineData(17, 40, 60, 33)]
    [InlineData(250, 500, 700, 600)]
    [InlineData(1, 3, 1_000, 2)]
    public void LogHypergeometricPmf_MatchesExactBigInteger(long k, long successes, long failures, long draws)
    {
        var exact = BigInteger.Log(Binomial(successes, k) * Binomial(failures, draws - k)) - BigInteger.Log(Binomial(successes + failures, draws));
        Reference.AssertAbsolute(exact, Ours.LogHypergeometricPmf(k, successes, failures, draws), 1e-12);
    }

    [Theory]
    [InlineData(10_000, 20_000, 3_980_000, 2_000_000)]
    [InlineData(9_000, 20_000, 3_980_000, 2_000_000)]
    [InlineData(1_000_000, 2_000_000, 2_000_000, 2_000_000)]
    public void LogHypergeometricPmf_MillionsOfCounts_MatchesMathNetLogBinomials(long k, long successes, long failures, long draws)
    {
        var reference = ReferenceFunctions.BinomialLn((int)successes, (int)k) + ReferenceFunctions.BinomialLn((int)failures, (int)(draws - k))
            - ReferenceFunctions.BinomialLn((int)(successes + failures), (int)draws);
        // MathNet differences ln-gammas of ~1e7 (absolute error ~1e-8); ours cancels analytically.
        Reference.AssertAbsolute(reference, Ours.LogHypergeometricPmf(k, successes, failures, draws), 1e-7);
    }

    [Theory]
    [InlineData(0.975, 1)]
    [InlineData(0.975, 17.776)]
    [InlineData(0.9, 3.5)]
    [InlineData(1e-9, 2)]
    [InlineData(0.5, 10)]
    [InlineData(0.995, 1e6)]
    [InlineData(0.3, 0.7)]
    public void StudentTQuantile_InvertsMathNetCdf(double p, double df)
    {
        var t = Ours.StudentTQuantile(p, df);
        Reference.AssertRelative(p, StudentT.CDF(0, 1, df, t), 1e-11);
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
