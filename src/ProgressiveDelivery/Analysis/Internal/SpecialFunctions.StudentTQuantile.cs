using System;

namespace ProgressiveDelivery.Analysis.Internal;

/// <content>The quantile of Student's t distribution.</content>
internal static partial class SpecialFunctions
{
    /// <summary>The p-quantile of Student's t with <paramref name="degreesOfFreedom"/> (> 0): the t with P(T ≤ t) = p.</summary>
    public static double StudentTQuantile(double p, double degreesOfFreedom)
    {
        if (!(p > 0 && p < 1))
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity
                : throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        if (!(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        }

        if (double.IsPositiveInfinity(degreesOfFreedom))
        {
            return NormalQuantile(p);
        }

        if (p > 0.5)
        {
            return -StudentTQuantile(1 - p, degreesOfFreedom);
        }

        if (p == 0.5)
        {
            return 0;
        }

        // Solve F(t) = p on t < 0 (the lower tail, where F is computed to full relative accuracy): bracket, then
        // Newton steps on ln F (well scaled in the far tail), falling back to bisection when a step leaves the bracket.
        double upper = 0, lower = -1;
        while (StudentTCdf(lower, degreesOfFreedom) > p)
        {
            upper = lower;
            lower *= 2;
        }

        var t = Math.Max(lower, Math.Min(upper, NormalQuantile(p)));
        var logP = Math.Log(p);
        for (var i = 0; i < 200; i++)
        {
            var cdf = StudentTCdf(t, degreesOfFreedom);
            if (cdf > p)
            {
                upper = t;
            }
            else
            {
                lower = t;
            }

            var step = (Math.Log(cdf) - logP) * cdf / StudentTDensity(t, degreesOfFreedom);
            var next = t - step;
            if (!(next > lower && next < upper))
            {
                next = 0.5 * (lower + upper);
            }

            if (Math.Abs(next - t) <= 1e-15 * Math.Abs(t) || upper - lower <= 1e-15 * Math.Abs(t))
            {
                return next;
            }

            t = next;
        }

        return t;
    }

    private static double StudentTDensity(double t, double nu) =>
        Math.Exp(LogGamma((nu + 1) / 2) - LogGamma(nu / 2) - (0.5 * Math.Log(nu * Math.PI)) - ((nu + 1) / 2 * Math.Log(1 + (t * t / nu))));
}
