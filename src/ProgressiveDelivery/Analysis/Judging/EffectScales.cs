namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The scales a metric's effect and bounds are expressed on (<see cref="MetricEvidence.Scale"/>).</summary>
public static class EffectScales
{
    /// <summary>Canary minus baseline, in the metric's own unit (rates, recorded values, quantiles).</summary>
    public const string Difference = "difference";

    /// <summary>
    /// The natural logarithm of canary over baseline: count rates with a relative tolerance, and means of log-transformed
    /// values (the log of the ratio of geometric means). <c>exp</c> of a bound is a ratio; the margin is <c>ln(1 + tolerance)</c>.
    /// </summary>
    public const string LogRatio = "log_ratio";
}
