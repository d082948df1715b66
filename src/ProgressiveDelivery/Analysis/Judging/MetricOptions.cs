using System;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>One metric the judge compares between the canary and the baseline arm.</summary>
/// <remarks>
/// A metric decides through its result: <see cref="MetricResult.Pass"/> when its confidence bound proves the canary
/// no worse than <see cref="Tolerance"/>, a failure when its test proves the canary worse than the baseline, and
/// neither before <see cref="MinimumSample"/> observations per arm. <see cref="Critical"/>, <see cref="SignalOnly"/>
/// and <see cref="Muted"/> say what a failure does (see <see cref="CanaryJudge"/> for the rules).
/// </remarks>
public sealed class MetricOptions
{
    /// <summary>
    /// The metric's name: the event name (for <see cref="MetricKind.CountRate"/>) or value name (for
    /// <see cref="MetricKind.Mean"/> and <see cref="MetricKind.Quantile"/>) under which each arm records it.
    /// </summary>
    /// <value>The default value is the empty string, which <see cref="JudgeOptions.Validate"/> rejects.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>What the metric measures, which selects its test.</summary>
    /// <value>The default value is <see cref="MetricKind.CountRate"/>.</value>
    public MetricKind Kind { get; set; } = MetricKind.CountRate;

    /// <summary>The quantile compared when <see cref="Kind"/> is <see cref="MetricKind.Quantile"/>, in (0, 1).</summary>
    /// <value>The default value is 0.99.</value>
    public double Quantile { get; set; } = 0.99;

    /// <summary>The scale of the recorded values of a <see cref="MetricKind.Mean"/> metric.</summary>
    /// <value>The default value is <see cref="MetricTransform.None"/>.</value>
    public MetricTransform Transform { get; set; } = MetricTransform.None;

    /// <summary>Which change counts against the canary.</summary>
    /// <value>The default value is <see cref="MetricDirection.Increase"/>.</value>
    public MetricDirection BadDirection { get; set; } = MetricDirection.Increase;

    /// <summary>
    /// The non-inferiority margin: how much worse than the baseline the canary may be and still pass. Must be
    /// positive, since a canary identical to the baseline can never be proven inside a zero margin.
    /// </summary>
    /// <value>The default value is 0.1 (with <see cref="ToleranceKind.Relative"/>: 10% worse).</value>
    public double Tolerance { get; set; } = 0.1;

    /// <summary>How <see cref="Tolerance"/> is expressed.</summary>
    /// <value>The default value is <see cref="ToleranceKind.Relative"/>.</value>
    public ToleranceKind ToleranceKind { get; set; } = ToleranceKind.Relative;

    /// <summary>Whether a failure of this metric forces a rollback whatever else is set.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Critical { get; set; }

    /// <summary>Whether the metric is only reported: it never decides, not even a promotion.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Muted { get; set; }

    /// <summary>Whether a failure of this metric pauses the rollout for a human instead of rolling it back.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SignalOnly { get; set; }

    /// <summary>
    /// The number of observations each arm needs before the metric may pass or fail: exposures for
    /// <see cref="MetricKind.CountRate"/>, recorded values for the other kinds.
    /// </summary>
    /// <value>The default value is 100.</value>
    public long MinimumSample { get; set; } = 100;

    /// <summary>The significance level of this metric's tests, in (0, 0.5), overriding <see cref="JudgeOptions.Alpha"/>.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="JudgeOptions.Alpha"/> applies.</value>
    public double? Alpha { get; set; }

    /// <summary>The metric's weight in the Kayenta-compatible score (ignored by the sequential mode).</summary>
    /// <value>The default value is 1.</value>
    public double Weight { get; set; } = 1.0;

    /// <summary>Converts a raw value to the scale this metric records: the natural logarithm for <see cref="MetricTransform.Log"/>.</summary>
    /// <param name="value">The raw value (positive when the transform is <see cref="MetricTransform.Log"/>).</param>
    /// <returns>The value to record for this metric.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not positive and the transform is <see cref="MetricTransform.Log"/>.</exception>
    public double ToRecordedValue(double value)
    {
        if (Transform != MetricTransform.Log)
        {
            return value;
        }

        if (!(value > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A log-transformed metric needs positive values.");
        }

        return Math.Log(value);
    }
}
