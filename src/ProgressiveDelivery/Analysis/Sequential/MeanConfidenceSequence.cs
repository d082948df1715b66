using System;
using ProgressiveDelivery.Analysis.Internal;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>
/// The asymptotic confidence sequence on the difference of two means of Waudby-Smith et al. (2023), in the form
/// GrowthBook and Eppo ship: valid at every look simultaneously (asymptotically), from each arm's count, mean and
/// variance (O(1) state).
/// </summary>
/// <remarks>
/// <para>
/// With n = n_c + n_b values in all and the per-value variance s² = n·(var_c/n_c + var_b/n_b) (so that s²/n is the
/// squared standard error of the difference, as in GrowthBook's two-sample form), the two-sided half-width is
/// s·√(2(n r² + 1)/(n² r²) · ln(√(n r² + 1)/α)), with r = √((-2 ln α + ln(1 - 2 ln α)) / N_tune). It is the boundary
/// where the Gaussian mixture martingale (mixing variance r²) crosses 1/α.
/// </para>
/// <para>
/// The one-sided radius uses the one-sided (half-normal) mixture: s·√((n r² + 1)/(n² r²))·u, where u solves
/// 2Φ(u)·e^(u²/2) = √(n r² + 1)/α, with r tuned at 2α. It is narrower than the two-sided half-width at α and wider
/// than at 2α.
/// </para>
/// </remarks>
public static class MeanConfidenceSequence
{
    /// <summary>Computes the confidence sequence on canary mean - baseline mean at the current look.</summary>
    /// <param name="canary">The canary's moments (all values so far).</param>
    /// <param name="baseline">The baseline's moments (all values so far, same period).</param>
    /// <param name="options">The settings; <see langword="null"/> takes the defaults.</param>
    /// <returns>The bounds, the estimate and the verdict flags.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static MeanConfidenceSequenceResult Compute(in SampleMoments canary, in SampleMoments baseline, MeanConfidenceSequenceOptions? options = null)
    {
        options ??= new MeanConfidenceSequenceOptions();
        options.Validate();
        var difference = canary.Count > 0 && baseline.Count > 0 ? canary.Mean - baseline.Mean : double.NaN;
        var relative = baseline.Count > 0 && baseline.Mean != 0 ? difference / Math.Abs(baseline.Mean) : double.NaN;
        var margin = options.RelativeMargin ? options.NonInferiorityMargin * Math.Abs(baseline.Count > 0 ? baseline.Mean : 0) : options.NonInferiorityMargin;
        if (canary.Count < options.MinimumSampleSize || baseline.Count < options.MinimumSampleSize)
        {
            return new(canary.Count, baseline.Count, difference, relative, double.NegativeInfinity, double.PositiveInfinity, margin, false, false, false);
        }

        double n = canary.Count + baseline.Count;
        var standardDeviation = Math.Sqrt(n * ((canary.Variance / canary.Count) + (baseline.Variance / baseline.Count)));
        var radius = options.OneSided
            ? OneSidedRadius(standardDeviation, n, options.Alpha, options.TuningSampleSize)
            : TwoSidedHalfWidth(standardDeviation, n, options.Alpha, options.TuningSampleSize);
        var lower = difference - radius;
        var upper = difference + radius;
        bool worse, worseBeyondMargin, nonInferior;
        if (options.HigherIsWorse)
        {
            worse = lower > 0;
            worseBeyondMargin = lower > margin;
            nonInferior = upper < margin;
        }
        else
        {
            worse = upper < 0;
            worseBeyondMargin = upper < -margin;
            nonInferior = lower > -margin;
        }

        return new(canary.Count, baseline.Count, difference, relative, lower, upper, margin, worse, worseBeyondMargin, nonInferior);
    }

    /// <summary>The mixing parameter r = √((-2 ln α + ln(1 - 2 ln α)) / N_tune) of Waudby-Smith et al.</summary>
    /// <param name="alpha">The error probability, in (0, 1).</param>
    /// <param name="tuningSampleSize">The sample size N_tune at which the sequence is tightest, &gt; 0.</param>
    /// <returns>r.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double MixingParameter(double alpha, double tuningSampleSize)
    {
        ValidateAlpha(alpha);
        if (!(tuningSampleSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tuningSampleSize), tuningSampleSize, "The tuning sample size must be > 0.");
        }

        var minusTwoLogAlpha = -2 * Math.Log(alpha);
        return Math.Sqrt((minusTwoLogAlpha + Math.Log(minusTwoLogAlpha + 1)) / tuningSampleSize);
    }

    /// <summary>The two-sided half-width s·√(2(n r² + 1)/(n² r²) · ln(√(n r² + 1)/α)) with r from <see cref="MixingParameter"/>.</summary>
    /// <param name="standardDeviation">The per-value standard deviation s (for two samples, √(n·SE²)).</param>
    /// <param name="sampleSize">The number of values n (for two samples, both arms together), ≥ 1.</param>
    /// <param name="alpha">The error probability, in (0, 1).</param>
    /// <param name="tuningSampleSize">N_tune, &gt; 0.</param>
    /// <returns>The half-width.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double TwoSidedHalfWidth(double standardDeviation, double sampleSize, double alpha, double tuningSampleSize)
    {
        var scale = Scale(standardDeviation, sampleSize, MixingParameter(alpha, tuningSampleSize), out var growth);
        return scale * Math.Sqrt(2 * Math.Log(Math.Sqrt(growth) / alpha));
    }

    /// <summary>
    /// The one-sided radius s·√((n r² + 1)/(n² r²))·u with r = <see cref="MixingParameter"/>(2α, N_tune) and u solving
    /// 2Φ(u)·e^(u²/2) = √(n r² + 1)/α (the one-sided Gaussian mixture boundary).
    /// </summary>
    /// <param name="standardDeviation">The per-value standard deviation s.</param>
    /// <param name="sampleSize">The number of values n, ≥ 1.</param>
    /// <param name="alpha">The error probability of the one bound, in (0, 0.5).</param>
    /// <param name="tuningSampleSize">N_tune, &gt; 0.</param>
    /// <returns>The radius.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double OneSidedRadius(double standardDeviation, double sampleSize, double alpha, double tuningSampleSize)
    {
        ValidateAlpha(2 * alpha);
        var scale = Scale(standardDeviation, sampleSize, MixingParameter(2 * alpha, tuningSampleSize), out var growth);
        var target = Math.Log(Math.Sqrt(growth) / alpha);

        // f(u) = ln(2Φ(u)) + u²/2 - target is increasing and convex on u ≥ 0 (the derivative φ/Φ + u has slope in
        // (0, 1]) with f(√(2·target)) ≥ 0, so Newton's method from there descends monotonically onto the root.
        var u = Math.Sqrt(2 * target);
        for (var i = 0; i < 50; i++)
        {
            var cdf = SpecialFunctions.NormalCdf(u);
            var value = Math.Log(2 * cdf) + (u * u / 2) - target;
            var density = Math.Exp(-u * u / 2) / Math.Sqrt(2 * Math.PI);
            var step = value / ((density / cdf) + u);
            u -= step;
            if (!(step > 1e-14 * u))
            {
                break;
            }
        }

        return scale * Math.Max(u, 0);
    }

    private static double Scale(double standardDeviation, double sampleSize, double r, out double growth)
    {
        if (!(standardDeviation >= 0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and >= 0.");
        }

        if (!(sampleSize >= 1) || double.IsInfinity(sampleSize))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "The sample size must be finite and >= 1.");
        }

        var rSquared = r * r;
        growth = (sampleSize * rSquared) + 1;
        return standardDeviation * Math.Sqrt(growth / (sampleSize * sampleSize * rSquared));
    }

    private static void ValidateAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie strictly between 0 and 1 (0.5 for one-sided bounds).");
        }
    }
}
