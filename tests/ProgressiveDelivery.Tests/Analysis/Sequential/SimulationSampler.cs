using System;

namespace ProgressiveDelivery.Tests.Analysis.Sequential;

/// <summary>Seeded samplers for the simulations (inversion, exact for the moderate means used here).</summary>
internal static class SimulationSampler
{
    /// <summary>A Binomial(n, p) draw by sequential inversion of the CDF (cost O(n·p); fine for n·p up to a few hundred).</summary>
    public static long Binomial(Random random, long n, double p)
    {
        if (n == 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        if (p > 0.5)
        {
            return n - Binomial(random, n, 1 - p);
        }

        var u = random.NextDouble();
        var ratio = p / (1 - p);
        var probability = Math.Pow(1 - p, n);
        var cumulative = probability;
        long k = 0;
        while (u > cumulative && k < n)
        {
            probability *= ratio * (n - k) / (k + 1);
            k++;
            cumulative += probability;
            if (probability == 0 && cumulative < u)
            {
                // Rounding left a sliver of mass above the last term; it is negligible, stop here.
                break;
            }
        }

        return k;
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>The largest rejection rate compatible with a true rate α over <paramref name="runs"/> runs: α + 3σ.</summary>
    public static double ThreeSigmaCeiling(double alpha, int runs) => alpha + (3 * Math.Sqrt(alpha * (1 - alpha) / runs));
}
