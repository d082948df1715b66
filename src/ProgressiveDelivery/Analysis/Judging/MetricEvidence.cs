namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>Why one metric was classified as it was at one judgment: the test, its numbers and the rule that fired.</summary>
/// <remarks>
/// Effects are canary minus baseline on the tested scale: events per exposure for count rates, the recorded unit
/// (log units for <see cref="MetricTransform.Log"/>) for means, the value unit for quantiles. Numbers that do not
/// apply are <see cref="double.NaN"/>.
/// </remarks>
public sealed class MetricEvidence
{
    /// <summary>The metric's name.</summary>
    public required string Name { get; init; }

    /// <summary>The metric's kind.</summary>
    public MetricKind Kind { get; init; }

    /// <summary>The classification.</summary>
    public MetricResult Result { get; init; }

    /// <summary>The rule that produced <see cref="Result"/> (a <see cref="MetricRules"/> code).</summary>
    public required string Rule { get; init; }

    /// <summary>The test used, e.g. <c>sequential_count_bayes_factor</c>, <c>mean_confidence_sequence</c>, <c>mann_whitney</c>.</summary>
    public required string Test { get; init; }

    /// <summary>The test statistic: the log Bayes factor, the standardised difference, or the Mann-Whitney U.</summary>
    public double Statistic { get; init; } = double.NaN;

    /// <summary>The p-value (anytime-valid in the sequential mode) in the bad direction.</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>
    /// The scale of <see cref="LowerBound"/> and <see cref="UpperBound"/> (an <see cref="EffectScales"/> name): the scale
    /// of the metric's tolerance, on which the same bounds decide failure and non-inferiority.
    /// </summary>
    public string Scale { get; init; } = EffectScales.Difference;

    /// <summary>What the test treated as independent observations.</summary>
    public UnitOfAnalysis UnitOfAnalysis { get; init; }

    /// <summary>
    /// The effective number of observations behind the bounds (both arms): as many independent requests would give the
    /// same variance. Equal to the request count on independent requests, smaller on clustered traffic.
    /// </summary>
    public double EffectiveCount { get; init; } = double.NaN;

    /// <summary>The lower confidence (sequence) bound on the effect, on <see cref="Scale"/>.</summary>
    public double LowerBound { get; init; } = double.NaN;

    /// <summary>The upper confidence (sequence) bound on the effect, on <see cref="Scale"/>.</summary>
    public double UpperBound { get; init; } = double.NaN;

    /// <summary>The estimated effect, canary minus baseline, in the metric's unit (rates, recorded values).</summary>
    public double EffectAbsolute { get; init; } = double.NaN;

    /// <summary>The estimated relative effect: canary over baseline minus one (for log means, <c>exp(effect) - 1</c>).</summary>
    public double EffectRelative { get; init; } = double.NaN;

    /// <summary>The baseline arm's estimate (rate, mean or quantile).</summary>
    public double BaselineEstimate { get; init; } = double.NaN;

    /// <summary>The canary arm's estimate (rate, mean or quantile).</summary>
    public double CanaryEstimate { get; init; } = double.NaN;

    /// <summary>The baseline arm's sample size (exposures for count rates, values otherwise; points in Kayenta mode).</summary>
    public long BaselineCount { get; init; }

    /// <summary>The canary arm's sample size.</summary>
    public long CanaryCount { get; init; }

    /// <summary>The significance level the metric was tested at.</summary>
    public double Alpha { get; init; } = double.NaN;

    /// <summary>The non-inferiority margin on <see cref="Scale"/>, or the Kayenta tolerance bound.</summary>
    public double Margin { get; init; } = double.NaN;

    /// <summary>Whether a failure forces a rollback.</summary>
    public bool Critical { get; init; }

    /// <summary>Whether the metric is only reported.</summary>
    public bool Muted { get; init; }

    /// <summary>Whether a failure pauses instead of rolling back.</summary>
    public bool SignalOnly { get; init; }

    /// <summary>A human-readable explanation.</summary>
    public string? Message { get; init; }
}
