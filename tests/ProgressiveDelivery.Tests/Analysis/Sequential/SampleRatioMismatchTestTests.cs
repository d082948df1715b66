using System;
using System.IO;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.Distributions;
using ProgressiveDelivery.Analysis.Sequential;
using Xunit.Abstractions;
using Reference = MathNet.Numerics.SpecialFunctions;

namespace ProgressiveDelivery.Tests.Analysis.Sequential;

public class SampleRatioMismatchTestTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(new long[] { 105, 895 }, new[] { 0.1, 0.9 })]
    [InlineData(new long[] { 330, 350, 320 }, new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 })]
    [InlineData(new long[] { 5120, 4880, 9990 }, new[] { 0.25, 0.25, 0.5 })]
    public void PearsonChiSquare_MatchesFormulaAndMathNetDistribution(long[] observed, double[] shares)
    {
        long total = 0;
        foreach (var count in observed)
        {
            total += count;
        }

        var statistic = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var expected = total * shares[i];
            statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
        }

        var result = SampleRatioMismatchTest.PearsonChiSquare(observed, shares);
        Assert.Equal(statistic, result.Statistic, 1e-10 * statistic);
        Assert.Equal(observed.Length - 1, result.DegreesOfFreedom);
        Assert.Equal(1 - ChiSquared.CDF(observed.Length - 1, statistic), result.PValue, 1e-10);
    }

    [Fact]
    public void PearsonChiSquare_HandComputedReference()
    {
        // By hand: E = (100, 900), X² = 5²/100 + 5²/900 = 0.27778 on 1 df; p = 2(1 - Φ(√0.27778)) = 0.5982.
        var result = SampleRatioMismatchTest.PearsonChiSquare(new long[] { 105, 895 }, new[] { 0.1, 0.9 });
        Assert.Equal(0.27778, result.Statistic, 5);
        Assert.Equal(0.5982, result.PValue, 4);
    }

    [Fact]
    public void Update_SplitAsConfigured_Passes()
    {
        var test = new SampleRatioMismatchTest();
        for (var look = 0; look < 100; look++)
        {
            test.Update(1_000, 9_000, 0.1);
        }

        Assert.False(test.IsMismatch);
        Assert.Equal(1, test.PValue);
        Assert.True(test.ChiSquare().PValue > 0.999);
    }

    [Fact]
    public void Update_TenAndAHalfPercentOverAMillion_Fails()
    {
        var test = new SampleRatioMismatchTest();
        for (var look = 0; look < 100; look++)
        {
            test.Update(1_050, 8_950, 0.1);
        }

        Assert.True(test.IsMismatch);
        Assert.True(test.ChiSquare().PValue < 1e-50);
        Assert.True(SampleRatioMismatchTest.PearsonChiSquare(new long[] { 105_000, 895_000 }, new[] { 0.1, 0.9 }).PValue < 0.001);
    }

    [Fact]
    public void LogBayesFactor_OneSegment_MatchesDirichletMultinomialClosedForm()
    {
        double[] shares = [0.2, 0.3, 0.5];
        long[] counts = [230, 280, 490];
        var test = new SampleRatioMismatchTest(3, new() { Concentration = 500 });
        test.Update(counts, shares);
        Assert.Equal(ReferenceLogBf(500, shares, counts), test.LogBayesFactor, 1e-9);
    }

    [Fact]
    public void LogBayesFactor_ShareStep_IsProductOfSegmentFactors()
    {
        var test = new SampleRatioMismatchTest();
        test.Update(60, 940, 0.05);
        test.Update(52, 948, 0.05);
        test.Update(270, 730, 0.25);
        test.Update(240, 760, 0.25);
        var expected = ReferenceLogBf(10_000, [0.05, 0.95], [112, 1888]) + ReferenceLogBf(10_000, [0.25, 0.75], [510, 1490]);
        Assert.Equal(expected, test.LogBayesFactor, 1e-9);
        Assert.Equal(2, test.Segments);
        Assert.Equal((0.05 * 2000) + (0.25 * 2000), test.GetExpectedExposures(0), 9);
    }

    [Fact]
    public void PValue_NullWithFrequentLooksAndWeightStep_AtMostAlpha()
    {
        const int runs = 500;
        const double alpha = 0.05;
        var rejections = 0;
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(60_000 + run);
            var test = new SampleRatioMismatchTest(2, new() { Concentration = 100 });
            for (var look = 0; look < 300 && test.PValue > alpha; look++)
            {
                var weight = look < 150 ? 0.05 : 0.25;
                var canary = SimulationSampler.Binomial(random, 1000, weight);
                test.Update(canary, 1000 - canary, weight);
            }

            rejections += test.PValue <= alpha ? 1 : 0;
        }

        output.WriteLine($"A/A SRM rejection rate at alpha 0.05: {rejections / (double)runs:P1} over {runs} runs x 300 looks");
        Assert.InRange(rejections / (double)runs, 0, SimulationSampler.ThreeSigmaCeiling(alpha, runs));
    }

    [Fact]
    public void Update_ExposureInArmWithZeroShare_IsMismatch()
    {
        var test = new SampleRatioMismatchTest();
        test.Update(0, 500, 0);
        Assert.False(test.IsMismatch);
        test.Update(1, 500, 0);
        Assert.True(test.IsMismatch);
        Assert.Equal(1, test.UnexpectedExposures);
    }

    [Fact]
    public void Update_InvalidArguments_Throw()
    {
        var test = new SampleRatioMismatchTest(3);
        Assert.Throws<ArgumentException>(() => test.Update(new long[] { 1, 2 }, new[] { 0.5, 0.5 }));
        Assert.Throws<ArgumentException>(() => test.Update(new long[] { 1, 2, 3 }, new[] { 0.5, 0.5, 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => test.Update(new long[] { 1, -2, 3 }, new[] { 0.2, 0.3, 0.5 }));
        Assert.Throws<InvalidOperationException>(() => test.Update(1, 2, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SampleRatioMismatchTest(1));
    }

    [Fact]
    public void WriteTo_ReadFrom_RoundTripsBitExactly()
    {
        var random = new Random(8);
        var original = new SampleRatioMismatchTest();
        for (var look = 0; look < 40; look++)
        {
            var weight = look < 20 ? 0.1 : 0.5;
            var canary = SimulationSampler.Binomial(random, 777, weight);
            original.Update(canary, 777 - canary, weight);
        }

        var json = Serialise(original);
        using var document = JsonDocument.Parse(json);
        var restored = SampleRatioMismatchTest.ReadFrom(document.RootElement);
        Assert.Equal(json, Serialise(restored));
        original.Update(400, 377, 0.5);
        restored.Update(400, 377, 0.5);
        Assert.Equal(BitConverter.DoubleToInt64Bits(original.LogBayesFactor), BitConverter.DoubleToInt64Bits(restored.LogBayesFactor));
    }

    [Fact]
    public void Update_AfterConstruction_AllocatesNothing()
    {
        var test = new SampleRatioMismatchTest();
        test.Update(100, 900, 0.1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            test.Update(100 + (i % 7), 900, i < 500 ? 0.1 : 0.2);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string Serialise(SampleRatioMismatchTest test)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            test.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Lindon & Malek: ln BF = ln B(a + n) - ln B(a) - Σ n_i ln θ_i, a = c·θ, with the multivariate Beta from MathNet's ln Γ.
    private static double ReferenceLogBf(double c, double[] shares, long[] counts)
    {
        double LogMultivariateBeta(double[] values)
        {
            var sum = 0.0;
            var logs = 0.0;
            foreach (var value in values)
            {
                sum += value;
                logs += Reference.GammaLn(value);
            }

            return logs - Reference.GammaLn(sum);
        }

        var prior = new double[shares.Length];
        var posterior = new double[shares.Length];
        var logLikelihood = 0.0;
        for (var i = 0; i < shares.Length; i++)
        {
            prior[i] = c * shares[i];
            posterior[i] = prior[i] + counts[i];
            logLikelihood += counts[i] * Math.Log(shares[i]);
        }

        return LogMultivariateBeta(posterior) - LogMultivariateBeta(prior) - logLikelihood;
    }
}
