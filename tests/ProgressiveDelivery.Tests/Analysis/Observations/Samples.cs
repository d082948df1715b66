using System;

namespace ProgressiveDelivery.Tests.Analysis.Observations;

/// <summary>Seeded test data and straightforward two-pass statistics to check the streaming ones against.</summary>
internal static class Samples
{
    public static double[] LogNormal(int seed, int count, double mu, double sigma)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Math.Exp(mu + (sigma * StandardNormal(random)));
        }

        return values;
    }

    public static double StandardNormal(Random random)
    {
        // Box-Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static (double Mean, double M2) TwoPass(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = sum / values.Length;
        var m2 = 0.0;
        var compensation = 0.0;
        foreach (var value in values)
        {
            m2 += (value - mean) * (value - mean);
            compensation += value - mean;
        }

        // Corrected two-pass algorithm (Chan, Golub, LeVeque 1983): removes the rounding error of the mean.
        return (mean + (compensation / values.Length), m2 - (compensation * compensation / values.Length));
    }

    public static void AssertRelative(double expected, double actual, double tolerance)
    {
        var error = Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(error <= tolerance, $"expected {expected:R}, actual {actual:R}, relative error {error:E3} > {tolerance:E1}");
    }
}
