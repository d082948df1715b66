using System;
using System.Threading;

namespace ProgressiveDelivery.Analysis.Sequential.Internal;

/// <summary>
/// The time-uniform bound on the empirical distribution function of Howard &amp; Ramdas (Bernoulli 2022, Theorem 2):
/// for i.i.d. values, P(∃ t ≥ m : sup_x |F̂_t(x) - F(x)| &gt; A·√((ln(1 + ln(t/m)) + C) / t)) ≤ α, where C is the
/// smallest constant whose error bound min_η 4·e^(-γ²C)·(1 + 1/((γ² - 1)·ln η)), γ² = (2/η)(A - √(2(η - 1)/C))²,
/// equals α (the same optimisation as the authors' confseq library).
/// </summary>
internal static class EmpiricalProcessBound
{
    /// <summary>The constant A of the bound (the authors' default).</summary>
    public const double DefaultA = 0.85;

    /// <summary>ε_t = A·√((ln(1 + ln(t/m)) + C)/t) for t ≥ m; +∞ below m.</summary>
    public static double Radius(double t, double m, double constant, double a = DefaultA) =>
        t < m ? double.PositiveInfinity : a * Math.Sqrt((Math.Log(1 + Math.Log(t / m)) + constant) / t);

    // The last (alpha, C) pair: a judge asks for the same α every look, and the search costs about a millisecond.
    private static CachedConstant? s_cache;

    /// <summary>The constant C for error probability <paramref name="alpha"/> with A = <see cref="DefaultA"/>, cached.</summary>
    public static double ConstantFor(double alpha)
    {
        var cached = Volatile.Read(ref s_cache);
        if (cached is not null && cached.Alpha == alpha)
        {
            return cached.Constant;
        }

        var constant = FindConstant(alpha);
        Volatile.Write(ref s_cache, new CachedConstant(alpha, constant));
        return constant;
    }

    /// <summary>The constant C for error probability <paramref name="alpha"/> (bisection on the decreasing error bound).</summary>
    public static double FindConstant(double alpha, double a = DefaultA)
    {
        var low = 0.01;
        var high = 1.0;
        while (MinimumError(high, a) > alpha)
        {
            low = high;
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            var middle = 0.5 * (low + high);
            if (MinimumError(middle, a) > alpha)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high;
    }

    /// <summary>min over η of the error bound for a given C (golden-section search; +∞ when no η is admissible).</summary>
    private static double MinimumError(double constant, double a)
    {
        // Admissible η satisfy γ² > 1, i.e. √(η/2) + √(2(η - 1)/C) < A; the left side increases in η, so bisect its end.
        var low = 1.0;
        var high = 2 * a * a;
        if (Math.Sqrt(0.5) >= a)
        {
            return double.PositiveInfinity;
        }

        for (var i = 0; i < 200 && high - low > 1e-14; i++)
        {
            var middle = 0.5 * (low + high);
            if (Math.Sqrt(middle / 2) + Math.Sqrt(2 * (middle - 1) / constant) < a)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var golden = (Math.Sqrt(5) - 1) / 2;
        var left = 1.0;
        var right = low;
        var x1 = right - (golden * (right - left));
        var x2 = left + (golden * (right - left));
        var f1 = Error(constant, x1, a);
        var f2 = Error(constant, x2, a);
        for (var i = 0; i < 200 && right - left > 1e-12; i++)
        {
            if (f1 < f2)
            {
                right = x2;
                x2 = x1;
                f2 = f1;
                x1 = right - (golden * (right - left));
                f1 = Error(constant, x1, a);
            }
            else
            {
                left = x1;
                x1 = x2;
                f1 = f2;
                x2 = left + (golden * (right - left));
                f2 = Error(constant, x2, a);
            }
        }

        return Math.Min(f1, f2);
    }

    private static double Error(double constant, double eta, double a)
    {
        var root = a - Math.Sqrt(2 * (eta - 1) / constant);
        var gammaSquared = 2 / eta * root * root;
        if (gammaSquared <= 1 || root <= 0 || eta <= 1)
        {
            return double.PositiveInfinity;
        }

        return 4 * Math.Exp(-gammaSquared * constant) * (1 + (1 / ((gammaSquared - 1) * Math.Log(eta))));
    }

    private sealed record CachedConstant(double Alpha, double Constant);
}
