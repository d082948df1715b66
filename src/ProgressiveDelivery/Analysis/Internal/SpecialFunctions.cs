using System;

namespace ProgressiveDelivery.Analysis.Internal;

/// <summary>
/// The special functions the statistics need, written to hold relative accuracy in the far tails (p-values of 1e-300
/// must not round to 0 before the comparison with alpha) and to work in log space where counts run to millions.
/// </summary>
internal static partial class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double TinyForLentz = 1e-300;
    private const int MaxIterations = 10_000;
    private const double LogSqrtTwoPi = 0.91893853320467274178032973640562;

    // Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients); relative error about 1e-15 for x > 0.
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    // Wichura, "Algorithm AS 241: The percentage points of the normal distribution" (1988), PPND16; ascending powers.
    private static readonly double[] CentralNumerator =
    [
        3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
        45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
    ];

    private static readonly double[] CentralDenominator =
    [
        1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
        21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925,
    ];

    private static readonly double[] IntermediateNumerator =
    [
        1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
        1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
    ];

    private static readonly double[] IntermediateDenominator =
    [
        1.0, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
        0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
    ];

    private static readonly double[] TailNumerator =
    [
        6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
        0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
    ];

    private static readonly double[] TailDenominator =
    [
        1.0, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
        7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0 || double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is defined here for x > 0.");
        }

        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = LanczosCoefficients[0];
        var t = x + 7.5;
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            sum += LanczosCoefficients[i] / (x + i);
        }

        return LogSqrtTwoPi + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln n!.</summary>
    public static double LogFactorial(long n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Factorials are defined for n >= 0.");
        }

        return n < 2 ? 0 : LogGamma(n + 1.0);
    }

    /// <summary>ln C(n, k).</summary>
    public static double LogBinomial(long n, long k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    /// <summary>Φ(z), the standard normal CDF, with full relative accuracy in the lower tail.</summary>
    public static double NormalCdf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        // Φ(z) = erfc(-z / √2) / 2, and erfc(x) = Q(1/2, x²) for x >= 0.
        var x = -z / Math.Sqrt(2);
        return x >= 0 ? 0.5 * RegularizedGammaQ(0.5, x * x) : 1 - (0.5 * RegularizedGammaQ(0.5, x * x));
    }

    /// <summary>1 - Φ(z), accurate for large z.</summary>
    public static double NormalSurvival(double z) => NormalCdf(-z);

    /// <summary>Φ⁻¹(p), the standard normal quantile (Wichura's AS 241, relative accuracy about 1e-16).</summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0 || p >= 1 || double.IsNaN(p))
        {
            if (p == 0)
            {
                return double.NegativeInfinity;
            }

            if (p == 1)
            {
                return double.PositiveInfinity;
            }

            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        var q = p - 0.5;
        double r;
        if (Math.Abs(q) <= 0.425)
        {
            r = 0.180625 - (q * q);
            return q * Horner(r, CentralNumerator) / Horner(r, CentralDenominator);
        }

        r = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        var value = r <= 5
            ? Horner(r - 1.6, IntermediateNumerator) / Horner(r - 1.6, IntermediateDenominator)
            : Horner(r - 5, TailNumerator) / Horner(r - 5, TailDenominator);
        return q < 0 ? -value : value;
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x).</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        ValidateGamma(a, x);
        if (x == 0)
        {
            return 0;
        }

        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), accurate when small.</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        ValidateGamma(a, x);
        if (x == 0)
        {
            return 1;
        }

        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>The survival function of the chi-square distribution with <paramref name="degreesOfFreedom"/>: P(X ≥ x).</summary>
    public static double ChiSquareSurvival(double x, double degreesOfFreedom) =>
        x <= 0 ? 1 : RegularizedGammaQ(degreesOfFreedom / 2, x / 2);

    /// <summary>The regularized incomplete beta function I_x(a, b).</summary>
    public static double RegularizedBeta(double x, double a, double b)
    {
        if (a <= 0 || b <= 0 || double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(a), "The incomplete beta function needs a > 0 and b > 0.");
        }

        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var logFront = (a * Math.Log(x)) + (b * Math.Log(1 - x)) - LogBeta(a, b);

        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); otherwise use the symmetry.
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(logFront) * BetaContinuedFraction(x, a, b) / a
            : 1 - (Math.Exp(logFront) * BetaContinuedFraction(1 - x, b, a) / b);
    }

    /// <summary>The two-sided tail probability of Student's t: P(|T| ≥ |t|) with <paramref name="degreesOfFreedom"/>.</summary>
    public static double StudentTTwoSided(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(degreesOfFreedom))
        {
            return 2 * NormalSurvival(Math.Abs(t));
        }

        return RegularizedBeta(degreesOfFreedom / (degreesOfFreedom + (t * t)), degreesOfFreedom / 2, 0.5);
    }

    /// <summary>The CDF of Student's t with <paramref name="degreesOfFreedom"/>: P(T ≤ t).</summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        var tail = StudentTTwoSided(t, degreesOfFreedom) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>ln(exp(a) + exp(b)) without overflow.</summary>
    public static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }

    // Evaluates c[0] + c[1] x + c[2] x^2 + ...
    private static double Horner(double x, double[] coefficients)
    {
        var result = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            result = (result * x) + coefficients[i];
        }

        return result;
    }

    private static void ValidateGamma(double a, double x)
    {
        if (a <= 0 || x < 0 || double.IsNaN(a) || double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(a), "The incomplete gamma function needs a > 0 and x >= 0.");
        }
    }

    // P(a, x) by its power series; converges fast for x < a + 1.
    private static double GammaSeries(double a, double x)
    {
        var term = 1 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp((a * Math.Log(x)) - x - LogGamma(a));
    }

    // Q(a, x) by its continued fraction (modified Lentz); converges fast for x >= a + 1.
    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / TinyForLentz;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            var delta = LentzStep(an, b, ref c, ref d);
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp((a * Math.Log(x)) - x - LogGamma(a)) * h;
    }

    // One step of the modified Lentz algorithm for a continued fraction with partial numerator a and denominator b:
    // updates C and D (guarding against division by a vanishing value) and returns the factor C·D for the estimate.
    private static double LentzStep(double a, double b, ref double c, ref double d)
    {
        d = b + (a * d);
        if (Math.Abs(d) < TinyForLentz)
        {
            d = TinyForLentz;
        }

        c = b + (a / c);
        if (Math.Abs(c) < TinyForLentz)
        {
            c = TinyForLentz;
        }

        d = 1 / d;
        return d * c;
    }

    // The continued fraction of the incomplete beta function (modified Lentz).
    private static double BetaContinuedFraction(double x, double a, double b)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        if (Math.Abs(d) < TinyForLentz)
        {
            d = TinyForLentz;
        }

        d = 1 / d;
        var h = d;
        for (var m = 1; m < MaxIterations; m++)
        {
            var m2 = 2 * m;
            h *= LentzStep(m * (b - m) * x / ((qam + m2) * (a + m2)), 1, ref c, ref d);
            var delta = LentzStep(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), 1, ref c, ref d);
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }
}
