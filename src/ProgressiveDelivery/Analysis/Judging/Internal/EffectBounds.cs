using System;
using ProgressiveDelivery.Analysis.Internal;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// An effect estimate (canary minus baseline on the tested scale) with its variance, and its anytime-valid bounds: the
/// asymptotic confidence sequence of <see cref="MeanConfidenceSequence"/> (one-sided at alpha for a one-directional
/// metric, two-sided otherwise) applied to the estimate and its standard error. The same bounds decide failure and
/// non-inferiority and are the ones the evidence shows.
/// </summary>
/// <remarks>
/// The confidence sequence only needs the estimate's standard error; its mixing parameter is tuned on a number of
/// observations (<see cref="JudgeOptions.MeanTuningSampleSize"/>). Under clustering that number is the effective
/// sample size (Kish): the requests that, independent, would give the same variance,
/// <c>n · Var_iid / Var_cluster</c>. On independent requests it is the request count, so the bounds equal the
/// request-level ones.
/// </remarks>
internal readonly record struct EffectBounds(double Estimate, double Variance, double Lower, double Upper, double EffectiveCount)
{
    public static EffectBounds Invalid(double estimate) => new(estimate, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <param name="estimate">The effect on the tested scale.</param>
    /// <param name="variance">Its variance (cluster-robust for unit-level analysis).</param>
    /// <param name="iidVariance">Its variance were every request independent.</param>
    /// <param name="count">The number of requests (values) both arms together.</param>
    /// <param name="options">Alpha, side and tuning.</param>
    public static EffectBounds Compute(double estimate, double variance, double iidVariance, double count, MeanConfidenceSequenceOptions options)
    {
        if (!double.IsFinite(estimate) || !(variance > 0) || !double.IsFinite(variance) || !(count >= 2))
        {
            return Invalid(estimate);
        }

        var effective = iidVariance > 0 && double.IsFinite(iidVariance) ? Math.Clamp(count * iidVariance / variance, 2, count) : count;
        var standardDeviation = Math.Sqrt(effective * variance);
        var radius = options.OneSided
            ? MeanConfidenceSequence.OneSidedRadius(standardDeviation, effective, options.Alpha, options.TuningSampleSize)
            : MeanConfidenceSequence.TwoSidedHalfWidth(standardDeviation, effective, options.Alpha, options.TuningSampleSize);
        return new EffectBounds(estimate, variance, estimate - radius, estimate + radius, effective);
    }

    /// <summary>
    /// The anytime-valid p-value that goes with these bounds: the level at which the confidence sequence (same side and
    /// mixing parameter) would just exclude no effect, in closed form from its boundary
    /// (two-sided: <c>sqrt(g)·exp(-u²/2)</c>; one-sided: <c>sqrt(g) / (2Φ(u)·exp(u²/2))</c>, with g = n·r² + 1 and u the
    /// estimate over the boundary's scale). So <c>p &lt;= alpha</c> exactly when the bound excludes zero. For a one-sided
    /// metric whose estimate is not on the bad side, 1.
    /// </summary>
    public double PValue(MeanConfidenceSequenceOptions options)
    {
        if (double.IsNaN(Lower))
        {
            return double.NaN;
        }

        var distance = options.OneSided ? (options.HigherIsWorse ? Estimate : -Estimate) : Math.Abs(Estimate);
        if (!(distance > 0))
        {
            return 1;
        }

        var n = EffectiveCount;
        var r = MeanConfidenceSequence.MixingParameter(options.OneSided ? 2 * options.Alpha : options.Alpha, options.TuningSampleSize);
        var growth = (n * r * r) + 1;
        var scale = Math.Sqrt(n * Variance) * Math.Sqrt(growth / (n * n * r * r));
        var u = distance / scale;
        var logP = options.OneSided
            ? (0.5 * Math.Log(growth)) - Math.Log(2 * SpecialFunctions.NormalCdf(u)) - (u * u / 2)
            : (0.5 * Math.Log(growth)) - (u * u / 2);
        return Math.Min(1, Math.Exp(logP));
    }
}
