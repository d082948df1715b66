using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// Exact Poisson draws: Knuth's product of uniforms below a mean of 10, Hörmann's transformed rejection with squeeze
/// (PTRS, 1993, as NumPy implements it) above, which costs O(1) per draw whatever the mean.
/// </summary>
internal static class PoissonSampler
{
    public static long Sample(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        return mean < 10 ? Small(random, mean) : Transformed(random, mean);
    }

    private static long Small(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        long k = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }

    private static long Transformed(Random random, double mean)
    {
        var root = Math.Sqrt(mean);
        var logMean = Math.Log(mean);
        var b = 0.931 + (2.53 * root);
        var a = -0.059 + (0.02483 * b);
        var inverseAlpha = 1.1239 + (1.1328 / (b - 3.4));
        var vr = 0.9277 - (3.6224 / (b - 2));
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = (long)Math.Floor((((2 * a / us) + b) * u) + mean + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + Math.Log(inverseAlpha) - Math.Log((a / (us * us)) + b) <= -mean + (k * logMean) - LogFactorial(k))
            {
                return k;
            }
        }
    }

    /// <summary>ln(k!): exact sum below 16, Stirling's series (error below 1e-12) from 16 on.</summary>
    private static double LogFactorial(long k)
    {
        if (k < 16)
        {
            double sum = 0;
            for (var i = 2; i <= k; i++)
            {
                sum += Math.Log(i);
            }

            return sum;
        }

        var x = (double)k;
        var inverse = 1 / x;
        var inverse2 = inverse * inverse;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x))
            + (inverse * ((1.0 / 12) - (inverse2 * ((1.0 / 360) - (inverse2 / 1260)))));
    }
}
