using System;
using MathNet.Numerics.Distributions;
using ProgressiveDelivery.Analysis.FixedHorizon;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

public class TwoProportionZTestTests
{
    [Theory]
    [InlineData(15, 120, 7, 130)]
    [InlineData(83, 86, 90, 93)]
    [InlineData(0, 50, 3, 50)]
    [InlineData(10_400, 2_000_000, 10_000, 2_000_000)]
    [InlineData(123_456_789, 4_000_000_000, 123_400_000, 4_000_000_000)]
    public void Compute_MatchesTextbookFormulaWithMathNetNormal(long sx, long nx, long sy, long ny)
    {
        // Independent reference: the textbook pooled statistic and MathNet's normal distribution.
        var px = sx / (double)nx;
        var py = sy / (double)ny;
        var pooled = (sx + sy) / (double)(nx + ny);
        var z = (px - py) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / nx) + (1.0 / ny)));

        var two = TwoProportionZTest.Compute(sx, nx, sy, ny);
        var less = TwoProportionZTest.Compute(sx, nx, sy, ny, TestAlternative.Less);
        var greater = TwoProportionZTest.Compute(sx, nx, sy, ny, TestAlternative.Greater);

        Reference.AssertRelative(z, two.Z, 1e-12);
        Reference.AssertRelative(2 * Normal.CDF(0, 1, -Math.Abs(z)), two.PValue, 1e-9);
        Reference.AssertRelative(Normal.CDF(0, 1, z), less.PValue, 1e-9);
        Reference.AssertRelative(Normal.CDF(0, 1, -z), greater.PValue, 1e-9);

        var unpooled = Math.Sqrt((px * (1 - px) / nx) + (py * (1 - py) / ny));
        var q = Normal.InvCDF(0, 1, 0.975);
        Reference.AssertRelative(Math.Max(-1, px - py - (q * unpooled)), two.ConfidenceLower, 1e-9);
        Reference.AssertRelative(Math.Min(1, px - py + (q * unpooled)), two.ConfidenceUpper, 1e-9);
        Assert.Equal(-1, less.ConfidenceLower);
        Assert.Equal(1, greater.ConfidenceUpper);
    }

    [Fact]
    public void Compute_MillionsOfRequestsDoubledErrorRate_FiniteStatisticAndTinyPValue()
    {
        // 1% vs 0.5% errors over two million requests each: z ≈ 58 and p far below any alpha, with no overflow.
        var result = TwoProportionZTest.Compute(20_000, 2_000_000, 10_000, 2_000_000, TestAlternative.Greater);
        Assert.True(result.Z > 50);
        Assert.True(result.PValue < 1e-300);
        Assert.Equal(1.0, result.RelativeDifference, 12);
    }

    [Fact]
    public void Compute_NoEventsAnywhere_ReturnsPValueOne()
    {
        var result = TwoProportionZTest.Compute(0, 1000, 0, 900);
        Assert.Equal(0, result.Z);
        Assert.Equal(1, result.PValue);
    }

    [Theory]
    [InlineData(-1, 10, 0, 10)]
    [InlineData(11, 10, 0, 10)]
    [InlineData(0, 0, 0, 10)]
    public void Compute_InvalidCounts_Throws(long sx, long nx, long sy, long ny) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Compute(sx, nx, sy, ny));

    [Fact]
    public void Compute_InvalidConfidence_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Compute(1, 10, 1, 10, confidenceLevel: 1));
}
