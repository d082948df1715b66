namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// How confidence bounds on the effect (canary minus baseline, on the tested scale) classify a metric: proven worse
/// when the bound on the good side clears zero in the bad direction, proven non-inferior when the bound on the bad
/// side lies inside the margin.
/// </summary>
internal static class BoundRules
{
    /// <summary>
    /// How far a bound must clear zero to prove anything: less is floating-point rounding, not evidence. Arms whose
    /// values are all equal have no variance, so their bounds collapse onto the computed effect, which the two arms'
    /// different summation orders leave at about 1e-16 instead of 0 (found with a constant latency in a fleet test).
    /// </summary>
    private const double Rounding = 1e-9;

    public static MetricResult Failure(MetricDirection direction, double lower, double upper)
    {
        if (direction != MetricDirection.Decrease && lower > Rounding)
        {
            return MetricResult.FailHigher;
        }

        if (direction != MetricDirection.Increase && upper < -Rounding)
        {
            return MetricResult.FailLower;
        }

        return MetricResult.Inconclusive;
    }

    public static bool NonInferior(MetricDirection direction, double lower, double upper, double margin) => direction switch
    {
        MetricDirection.Increase => upper < margin,
        MetricDirection.Decrease => lower > -margin,
        _ => upper < margin && lower > -margin,
    };

    public static double Relative(double canary, double baseline) =>
        baseline != 0 && !double.IsNaN(baseline) ? (canary / baseline) - 1 : double.NaN;
}
