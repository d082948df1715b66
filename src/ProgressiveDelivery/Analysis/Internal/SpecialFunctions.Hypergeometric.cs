using System;

namespace ProgressiveDelivery.Analysis.Internal;

/// <content>
/// Binomial and hypergeometric log-probabilities by Loader's saddle-point method ("Fast and Accurate Computation of
/// Binomial Probabilities", 2000): the large terms cancel analytically (Stirling's error and the deviance bd0), so
/// the result keeps its relative accuracy when the counts run to millions or billions, where differences of
/// ln Γ values would lose digits.
/// </content>
internal static partial class SpecialFunctions
{
    private const double LogTwoPi = 1.8378770664093454835606594728112;

    /// <summary>ln P(X = k) for X ~ Hypergeometric: k successes in <paramref name="draws"/> draws without replacement
    /// from <paramref name="successes"/> successes and <paramref name="failures"/> failures.</summary>
    public static double LogHypergeometricPmf(long k, long successes, long failures, long draws)
    {
        if (k < 0 || k > successes || draws - k < 0 || draws - k > failures)
        {
            return double.NegativeInfinity;
        }

        var total = successes + failures;
        if (draws == 0 || draws == total)
        {
            return 0;
        }

        // P(k) = b(k; s, p) b(draws - k; f, p) / b(draws; s + f, p) for any p; p = draws / total keeps every term near its mode.
        var p = (double)draws / total;
        var q = (double)(total - draws) / total;
        return LogBinomialPmf(k, successes, p, q) + LogBinomialPmf(draws - k, failures, p, q) - LogBinomialPmf(draws, total, p, q);
    }

    /// <summary>ln P(X = k) for X ~ Binomial(n, p), with q = 1 - p passed separately for accuracy.</summary>
    public static double LogBinomialPmf(long k, long n, double p, double q)
    {
        if (k < 0 || k > n)
        {
            return double.NegativeInfinity;
        }

        if (k == 0)
        {
            return n == 0 ? 0 : p < 0.1 ? -DevianceTerm(n, n * q) - (n * p) : n * Math.Log(q);
        }

        if (k == n)
        {
            return q < 0.1 ? -DevianceTerm(n, n * p) - (n * q) : n * Math.Log(p);
        }

        var logCore = StirlingError(n) - StirlingError(k) - StirlingError(n - k) - DevianceTerm(k, n * p) - DevianceTerm(n - k, n * q);
        var logFront = LogTwoPi + Math.Log(k) + Math.Log(n - k) - Math.Log(n);
        return logCore - (0.5 * logFront);
    }

    // δ(n) = ln n! - [(n + 1/2) ln n - n + ln √(2π)], the error of Stirling's formula.
    private static double StirlingError(long n)
    {
        if (n <= 15)
        {
            return LogGamma(n + 1.0) - ((n + 0.5) * Math.Log(n)) + n - LogSqrtTwoPi;
        }

        // The asymptotic series 1/(12n) - 1/(360n³) + 1/(1260n⁵) - 1/(1680n⁷) + 1/(1188n⁹).
        double x = n;
        var inverseSquare = 1 / (x * x);
        const double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260, S3 = 1.0 / 1680, S4 = 1.0 / 1188;
        return n switch
        {
            > 500 => (S0 - (S1 * inverseSquare)) / x,
            > 80 => (S0 - ((S1 - (S2 * inverseSquare)) * inverseSquare)) / x,
            > 35 => (S0 - ((S1 - ((S2 - (S3 * inverseSquare)) * inverseSquare)) * inverseSquare)) / x,
            _ => (S0 - ((S1 - ((S2 - ((S3 - (S4 * inverseSquare)) * inverseSquare)) * inverseSquare)) * inverseSquare)) / x,
        };
    }

    // bd0(x, m) = x ln(x/m) + m - x, computed without cancellation when x is close to m.
    private static double DevianceTerm(double x, double m)
    {
        if (Math.Abs(x - m) < 0.1 * (x + m))
        {
            // With v = (x - m)/(x + m): bd0 = (x - m) v + 2x Σ_{j≥1} v^(2j+1)/(2j+1).
            var v = (x - m) / (x + m);
            var sum = (x - m) * v;
            var term = 2 * x * v;
            var vSquared = v * v;
            for (var j = 1; j < 1000; j++)
            {
                term *= vSquared;
                var next = sum + (term / ((2 * j) + 1));
                if (next == sum)
                {
                    return next;
                }

                sum = next;
            }

            return sum;
        }

        return (x * Math.Log(x / m)) + m - x;
    }
}
