using System;
using MathNet.Numerics.Distributions;
using ProgressiveDelivery.Analysis.FixedHorizon;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

public class WelchTTestTests
{
    // R's "sleep" data (Student 1908): extra hours of sleep under drug 1 and drug 2.
    private static readonly double[] SleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] SleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void Compute_SleepData_MatchesRDocumentation()
    {
        // R ?t.test: t.test(extra ~ group, data = sleep) (Welch) prints t = -1.8608, df = 17.776, p-value = 0.07939,
        // 95 percent confidence interval: -3.3654832 0.2054832.
        var result = WelchTTest.Compute(SleepGroup1, SleepGroup2);
        Reference.AssertAbsolute(-1.8608, result.T, 5e-5);
        Reference.AssertAbsolute(17.776, result.DegreesOfFreedom, 5e-4);
        Reference.AssertAbsolute(0.07939, result.PValue, 5e-6);
        Reference.AssertAbsolute(-3.3654832, result.ConfidenceLower, 5e-8);
        Reference.AssertAbsolute(0.2054832, result.ConfidenceUpper, 5e-8);
    }

    [Theory]
    [InlineData(1, 12, 9, 1.0, 3.0)]
    [InlineData(2, 200, 35, 0.2, 1.0)]
    [InlineData(3, 5_000, 7_000, 0.05, 1.2)]
    [InlineData(4, 3, 4, 2.0, 0.3)]
    public void Compute_SeededSamples_MatchesTextbookFormulaWithMathNetStudentT(int seed, int nx, int ny, double shift, double scaleY)
    {
        var random = new Random(seed);
        var x = Normal(random, nx, shift, 1);
        var y = Normal(random, ny, 0, scaleY);
        var (mx, vx) = Moments(x);
        var (my, vy) = Moments(y);
        var se = Math.Sqrt((vx / nx) + (vy / ny));
        var t = (mx - my) / se;
        var df = Math.Pow((vx / nx) + (vy / ny), 2) / ((Math.Pow(vx / nx, 2) / (nx - 1)) + (Math.Pow(vy / ny, 2) / (ny - 1)));

        var two = WelchTTest.Compute(x, y);
        Reference.AssertRelative(t, two.T, 1e-12);
        Reference.AssertRelative(df, two.DegreesOfFreedom, 1e-12);
        Reference.AssertRelative(2 * StudentT.CDF(0, 1, df, -Math.Abs(t)), two.PValue, 1e-8);
        Reference.AssertRelative(StudentT.CDF(0, 1, df, t), WelchTTest.Compute(x, y, TestAlternative.Less).PValue, 1e-8);
        Reference.AssertRelative(StudentT.CDF(0, 1, df, -t), WelchTTest.Compute(x, y, TestAlternative.Greater).PValue, 1e-8);

        // The interval's half-width is the t quantile: MathNet's CDF at the bound's standardised distance is 1 - alpha/2.
        Reference.AssertRelative(0.975, StudentT.CDF(0, 1, df, (two.ConfidenceUpper - two.Difference) / se), 1e-10);
        Reference.AssertRelative(0.975, StudentT.CDF(0, 1, df, (two.Difference - two.ConfidenceLower) / se), 1e-10);
        var greater = WelchTTest.Compute(x, y, TestAlternative.Greater, 0.9);
        Reference.AssertRelative(0.9, StudentT.CDF(0, 1, df, (greater.Difference - greater.ConfidenceLower) / se), 1e-10);
        Assert.Equal(double.PositiveInfinity, greater.ConfidenceUpper);
    }

    [Fact]
    public void Compute_ValueSummaries_EqualsRawSamples()
    {
        var raw = WelchTTest.Compute(SleepGroup1, SleepGroup2);
        var summarised = WelchTTest.Compute(ValueSummary.FromValues(SleepGroup1), ValueSummary.FromValues(SleepGroup2));
        Reference.AssertRelative(raw.T, summarised.T, 1e-12);
        Reference.AssertRelative(raw.PValue, summarised.PValue, 1e-10);
    }

    [Fact]
    public void Compute_ConstantData_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WelchTTest.Compute([1.0, 1.0], [2.0, 2.0]));

    [Fact]
    public void Compute_TooFewValues_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WelchTTest.Compute([1.0], [2.0, 3.0]));

    private static double[] Normal(Random random, int count, double mean, double sd)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = mean + (sd * Observations.Samples.StandardNormal(random));
        }

        return values;
    }

    private static (double Mean, double Variance) Moments(double[] values)
    {
        var mean = 0.0;
        foreach (var value in values)
        {
            mean += value;
        }

        mean /= values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return (mean, squares / (values.Length - 1));
    }
}
