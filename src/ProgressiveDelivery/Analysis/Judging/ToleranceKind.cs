namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>How <see cref="MetricOptions.Tolerance"/> (the non-inferiority margin) is expressed.</summary>
public enum ToleranceKind
{
    /// <summary>
    /// A fraction of the baseline: for count rates a rate ratio of <c>1 + t</c>, for log-transformed means a ratio of
    /// geometric means of <c>1 + t</c>, for untransformed means and quantiles <c>t</c> times the baseline estimate.
    /// </summary>
    Relative = 0,

    /// <summary>An absolute difference in the metric's recorded unit (events per exposure for count rates).</summary>
    Absolute = 1,
}
