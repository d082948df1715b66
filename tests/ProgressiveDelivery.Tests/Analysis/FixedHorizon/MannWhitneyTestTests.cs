using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;
using ProgressiveDelivery.Analysis.FixedHorizon;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

public class MannWhitneyTestTests
{
    // R ?wilcox.test (Hollander & Wolfe 1973, p. 69): permeability constants of the placental membrane.
    private static readonly double[] HollanderWolfeX = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] HollanderWolfeY = [1.15, 0.88, 0.90, 0.74, 1.21];

    public static TheoryData<TestAlternative, bool> Variants() => new()
    {
        { TestAlternative.TwoSided, true },
        { TestAlternative.Less, true },
        { TestAlternative.Greater, true },
        { TestAlternative.TwoSided, false },
        { TestAlternative.Greater, false },
    };

    [Fact]
    public void Compute_HollanderWolfeExample_MatchesRDocumentation()
    {
        // R: wilcox.test(x, y, alternative = "greater", exact = FALSE, correct = FALSE) gives W = 35, p-value = 0.1103.
        var result = MannWhitneyTest.Compute(HollanderWolfeX, HollanderWolfeY, TestAlternative.Greater, continuityCorrection: false);
        Assert.Equal(35, result.U);
        Reference.AssertAbsolute(0.1103, result.PValue, 5e-5);
        Reference.AssertRelative(1 - Normal.CDF(0, 1, 10 / Math.Sqrt(50.0 * 16 / 12)), result.PValue, 1e-9);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Compute_SeededSamplesWithTies_MatchesNaiveReference(TestAlternative alternative, bool correct)
    {
        var random = new Random(17);
        for (var trial = 0; trial < 20; trial++)
        {
            // Rounded lognormal values: many ties within and across the samples.
            var x = Rounded(random, 5 + random.Next(60), 0.2);
            var y = Rounded(random, 5 + random.Next(60), 0);
            var result = MannWhitneyTest.Compute(x, y, alternative, correct);
            Assert.Equal(NaiveRankSum.U(x, y), result.U);
            Reference.AssertRelative(NaiveRankSum.PValue(x, y, alternative, correct), result.PValue, 1e-9, $"trial {trial}");
        }
    }

    [Fact]
    public void Compute_AllValuesTied_ReturnsPValueOne()
    {
        var result = MannWhitneyTest.Compute([2.0, 2.0], [2.0, 2.0, 2.0]);
        Assert.Equal(3, result.U);
        Assert.Equal(1, result.PValue);
        Assert.Equal(0.5, result.ProbabilityOfSuperiority);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Compute_Histograms_EqualNaiveTestOnRepresentativeValues(TestAlternative alternative, bool correct)
    {
        var (hx, x) = Histogram(Samples(3, 400, 0.1));
        var (hy, y) = Histogram(Samples(4, 300, 0));
        var result = MannWhitneyTest.Compute(hx, hy, alternative, correct);
        Assert.Equal(NaiveRankSum.U(x, y), result.U);
        Reference.AssertRelative(NaiveRankSum.PValue(x, y, alternative, correct), result.PValue, 1e-9);
    }

    [Fact]
    public void Compute_LargeHistograms_FastAndDetectsTenPercentShift()
    {
        var (hx, _) = Histogram(Samples(5, 200_000, Math.Log(1.1)), keepValues: false);
        var (hy, _) = Histogram(Samples(6, 200_000, 0), keepValues: false);
        var result = MannWhitneyTest.Compute(hx, hy, TestAlternative.Greater);
        Assert.True(result.PValue < 1e-20);
        Assert.InRange(result.ProbabilityOfSuperiority, 0.52, 0.56);
        var shift = MannWhitneyTest.EstimateShift(hx, hy);
        Assert.True(shift.ConfidenceLower > 0 && shift.ConfidenceLower < shift.Estimate && shift.Estimate < shift.ConfidenceUpper);
    }

    [Theory]
    [InlineData(21, 0.95, true)]
    [InlineData(22, 0.9, true)]
    [InlineData(23, 0.99, false)]
    [InlineData(24, 0.8, true)]
    public void EstimateShift_SeededSamples_MatchesRDefinitionByBruteForce(int seed, double confidence, bool correct)
    {
        var random = new Random(seed);
        var x = Rounded(random, 23, 0.3, digits: seed % 2 == 0 ? 1 : 6);
        var y = Rounded(random, 31, 0, digits: seed % 2 == 0 ? 1 : 6);
        foreach (var alternative in new[] { TestAlternative.TwoSided, TestAlternative.Less, TestAlternative.Greater })
        {
            var alpha = 1 - confidence;
            var z = Normal.InvCDF(0, 1, 1 - (alternative == TestAlternative.TwoSided ? alpha / 2 : alpha));
            var shift = MannWhitneyTest.EstimateShift(x, y, confidence, alternative, correct);
            Reference.AssertRelative(NaiveRankSum.MedianOfDifferences(x, y), shift.Estimate, 1e-15);
            if (alternative != TestAlternative.Less)
            {
                Reference.AssertAbsolute(NaiveRankSum.Root(x, y, z, alternative, correct), shift.ConfidenceLower, 1e-12, $"lower {alternative}");
            }

            if (alternative != TestAlternative.Greater)
            {
                Reference.AssertAbsolute(NaiveRankSum.Root(x, y, -z, alternative, correct), shift.ConfidenceUpper, 1e-12, $"upper {alternative}");
            }
        }
    }

    [Fact]
    public void EstimateShift_Histograms_EqualsNaiveMedianOfRepresentativeDifferences()
    {
        var (hx, x) = Histogram(Samples(7, 150, 0.2));
        var (hy, y) = Histogram(Samples(8, 120, 0));
        var shift = MannWhitneyTest.EstimateShift(hx, hy);
        Reference.AssertRelative(NaiveRankSum.MedianOfDifferences(x, y), shift.Estimate, 1e-15);
        Reference.AssertAbsolute(NaiveRankSum.Root(x, y, Normal.InvCDF(0, 1, 0.975), TestAlternative.TwoSided, true), shift.ConfidenceLower, 1e-12);
        Reference.AssertAbsolute(NaiveRankSum.Root(x, y, -Normal.InvCDF(0, 1, 0.975), TestAlternative.TwoSided, true), shift.ConfidenceUpper, 1e-12);
    }

    [Fact]
    public void Compute_EmptySample_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MannWhitneyTest.Compute([], [1.0]));

    private static double[] Rounded(Random random, int count, double shift, int digits = 1)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Math.Round(Math.Exp(shift + (0.5 * Observations.Samples.StandardNormal(random))), digits);
        }

        return values;
    }

    private static double[] Samples(int seed, int count, double logShift) =>
        Observations.Samples.LogNormal(seed, count, logShift, 1);

    // The histogram of the values and the values replaced by their bucket representatives.
    private static (LogLinearHistogram Histogram, double[] Representatives) Histogram(double[] values, bool keepValues = true)
    {
        var histogram = new LogLinearHistogram();
        var representatives = new List<double>();
        foreach (var value in values)
        {
            histogram.Record(value);
            if (keepValues)
            {
                representatives.Add(LogLinearHistogram.RepresentativeOf(value));
            }
        }

        return (histogram, representatives.ToArray());
    }
}
