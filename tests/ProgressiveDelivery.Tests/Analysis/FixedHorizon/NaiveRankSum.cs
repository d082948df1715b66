using System;
using System.Linq;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;
using ProgressiveDelivery.Analysis.FixedHorizon;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

/// <summary>
/// A deliberately naive transcription of R's wilcox.test(exact = FALSE) for reference values: O(n·m) pair counting,
/// explicit tie tables, MathNet's normal distribution, and R's confidence-interval definition (roots of the
/// standardised statistic of (x - d, y)) found by plain bisection.
/// </summary>
internal static class NaiveRankSum
{
    public static double U(double[] x, double[] y)
    {
        var u = 0.0;
        foreach (var xi in x)
        {
            foreach (var yj in y)
            {
                u += xi > yj ? 1 : xi == yj ? 0.5 : 0;
            }
        }

        return u;
    }

    public static double Sigma(double[] x, double[] y)
    {
        var ties = new Dictionary<double, long>();
        foreach (var value in x)
        {
            ties[value] = ties.GetValueOrDefault(value) + 1;
        }

        foreach (var value in y)
        {
            ties[value] = ties.GetValueOrDefault(value) + 1;
        }

        var tieSum = 0.0;
        foreach (var t in ties.Values)
        {
            tieSum += ((double)t * t * t) - t;
        }

        double nx = x.Length, ny = y.Length, n = nx + ny;
        return Math.Sqrt(nx * ny / 12 * (n + 1 - (tieSum / (n * (n - 1)))));
    }

    // R: z <- STATISTIC - n.x*n.y/2; CORRECTION by alternative; z <- (z - CORRECTION)/SIGMA; p by pnorm.
    public static double PValue(double[] x, double[] y, TestAlternative alternative, bool correct)
    {
        var z = Standardised(x, y, 0, alternative, correct);
        return alternative switch
        {
            TestAlternative.Less => Normal.CDF(0, 1, z),
            TestAlternative.Greater => Normal.CDF(0, 1, -z),
            _ => 2 * Math.Min(Normal.CDF(0, 1, z), Normal.CDF(0, 1, -z)),
        };
    }

    public static double Standardised(double[] x, double[] y, double shift, TestAlternative alternative, bool correct)
    {
        var shifted = Array.ConvertAll(x, value => value - shift);
        var centred = U(shifted, y) - (x.Length * (double)y.Length / 2);
        var correction = !correct ? 0 : alternative switch
        {
            TestAlternative.Greater => 0.5,
            TestAlternative.Less => -0.5,
            _ => 0.5 * Math.Sign(centred),
        };
        return (centred - correction) / Sigma(shifted, y);
    }

    // R's root(zq): wdiff(d) = standardised(d) - zq is non-increasing in d; the root is where it changes sign.
    public static double Root(double[] x, double[] y, double zq, TestAlternative alternative, bool correct)
    {
        double low = x.Min() - y.Max(), high = x.Max() - y.Min();
        if (Standardised(x, y, low, alternative, correct) - zq <= 0)
        {
            return low;
        }

        if (Standardised(x, y, high, alternative, correct) - zq >= 0)
        {
            return high;
        }

        for (var i = 0; i < 200 && high - low > 1e-15 * Math.Max(Math.Abs(low), Math.Abs(high)); i++)
        {
            var middle = (low + high) / 2;
            if (Standardised(x, y, middle, alternative, correct) - zq > 0)
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

    public static double MedianOfDifferences(double[] x, double[] y)
    {
        var differences = new List<double>(x.Length * y.Length);
        foreach (var xi in x)
        {
            foreach (var yj in y)
            {
                differences.Add(xi - yj);
            }
        }

        differences.Sort();
        var count = differences.Count;
        return count % 2 == 1 ? differences[count / 2] : (differences[(count / 2) - 1] + differences[count / 2]) / 2;
    }

}
