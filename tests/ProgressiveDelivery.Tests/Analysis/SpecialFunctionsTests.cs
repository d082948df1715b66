using System;
using Reference = MathNet.Numerics.SpecialFunctions;
using MathNet.Numerics.Distributions;
using Ours = ProgressiveDelivery.Analysis.Internal.SpecialFunctions;

namespace ProgressiveDelivery.Tests.Analysis;

/// <summary>Our special functions against MathNet.Numerics, an independent implementation.</summary>
public class SpecialFunctionsTests
{
    private const double Tolerance = 1e-10;

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(3.7)]
    [InlineData(25)]
    [InlineData(1e4)]
    [InlineData(3.2e6)]
    public void LogGamma_MatchesMathNet(double x) => AssertClose(Reference.GammaLn(x), Ours.LogGamma(x), absoluteFloor: 1e-14);

    [Theory]
    [InlineData(-40)]
    [InlineData(-8)]
    [InlineData(-1.96)]
    [InlineData(0)]
    [InlineData(0.3)]
    [InlineData(2.5)]
    [InlineData(6)]
    public void NormalCdf_MatchesMathNet(double z) => AssertClose(Normal.CDF(0, 1, z), Ours.NormalCdf(z));

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-10)]
    [InlineData(0.001)]
    [InlineData(0.025)]
    [InlineData(0.5)]
    [InlineData(0.975)]
    [InlineData(0.999999)]
    public void NormalQuantile_MatchesMathNet(double p) =>
        AssertClose(Normal.InvCDF(0, 1, p), Ours.NormalQuantile(p), absoluteFloor: 1e-12);

    [Theory]
    [InlineData(0.5, 0.1)]
    [InlineData(2, 3)]
    [InlineData(49.5, 60)]
    [InlineData(1000, 900)]
    [InlineData(0.5, 400)]
    public void RegularizedGammaQ_MatchesMathNet(double a, double x) =>
        AssertClose(Reference.GammaUpperRegularized(a, x), Ours.RegularizedGammaQ(a, x));

    [Theory]
    [InlineData(0.2, 2, 3)]
    [InlineData(0.9, 0.5, 0.5)]
    [InlineData(0.001, 50, 0.5)]
    [InlineData(0.6, 500, 400)]
    public void RegularizedBeta_MatchesMathNet(double x, double a, double b) =>
        AssertClose(Reference.BetaRegularized(a, b, x), Ours.RegularizedBeta(x, a, b));

    [Theory]
    [InlineData(2.1, 5)]
    [InlineData(-0.4, 12.5)]
    [InlineData(8, 3)]
    [InlineData(1.5, 1e6)]
    public void StudentTCdf_MatchesMathNet(double t, double df) =>
        AssertClose(StudentT.CDF(0, 1, df, t), Ours.StudentTCdf(t, df));

    [Theory]
    [InlineData(150, 99)]
    [InlineData(3.84, 1)]
    [InlineData(0.5, 2)]
    public void ChiSquareSurvival_MatchesMathNet(double x, double df) =>
        AssertClose(1 - ChiSquared.CDF(df, x), Ours.ChiSquareSurvival(x, df), absoluteFloor: 1e-14);

    [Fact]
    public void LogGamma_NonPositive_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ours.LogGamma(0));

    private static void AssertClose(double expected, double actual, double absoluteFloor = 0)
    {
        var error = Math.Abs(expected - actual);
        Assert.True(
            error <= Math.Max(Tolerance * Math.Abs(expected), absoluteFloor),
            $"expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E2})");
    }
}
