using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// Draws from the distributions the traffic simulator needs, from a seeded <see cref="Random"/>, so that a run is a
/// pure function of its seed. Counts are drawn per simulated minute (binomial), never per request.
/// </summary>
internal static class SimulationRandom
{
    /// <summary>A standard normal draw (Marsaglia's polar method; the spare value is discarded for simplicity).</summary>
    public static double Normal(Random random)
    {
        double u, v, s;
        do
        {
            u = (2 * random.NextDouble()) - 1;
            v = (2 * random.NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        return u * Math.Sqrt(-2 * Math.Log(s) / s);
    }

    /// <summary>A Gamma(shape, 1) draw (Marsaglia and Tsang, 2000; shape below 1 by the boost <c>U^(1/shape)</c>).</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>A chi-square draw with <paramref name="degreesOfFreedom"/> degrees of freedom (0 gives 0).</summary>
    public static double ChiSquare(Random random, double degreesOfFreedom) =>
        degreesOfFreedom <= 0 ? 0 : 2 * Gamma(random, degreesOfFreedom / 2);

    /// <summary>
    /// An exact Binomial(n, p) draw by inversion (sequential search from 0 over the pmf), on the smaller tail so that
    /// the work is O(n min(p, 1 - p)); intended for the simulator's sizes (expected counts up to a few hundred).
    /// </summary>
    public static long Binomial(Random random, long n, double p)
    {
        if (n <= 0 || p <= 0)
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

        if (n * p > 400)
        {
            // Far beyond the simulator's sizes: split the trials so that each half stays exact.
            var half = n / 2;
            return Binomial(random, half, p) + Binomial(random, n - half, p);
        }

        var q = 1 - p;
        var ratio = p / q;
        var probability = Math.Exp(n * Math.Log(q));
        var cumulative = probability;
        var u = random.NextDouble();
        long k = 0;
        while (u > cumulative && k < n)
        {
            probability *= ratio * (n - k) / (k + 1);
            k++;
            cumulative += probability;
            if (probability < 1e-300 && k > n * p)
            {
                break;
            }
        }

        return k;
    }
}
