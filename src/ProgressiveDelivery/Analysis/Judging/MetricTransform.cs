namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The scale on which the values of a <see cref="MetricKind.Mean"/> metric are recorded and compared.</summary>
public enum MetricTransform
{
    /// <summary>Values are recorded and compared as they are; effects are differences of means.</summary>
    None = 0,

    /// <summary>
    /// Values are recorded as natural logarithms (record <see cref="MetricOptions.ToRecordedValue(double)"/> of each
    /// raw value), which suits right-skewed positive quantities such as latency. A difference <c>d</c> of log means is
    /// a ratio <c>exp(d)</c> of geometric means: relative effects are reported as <c>exp(d) - 1</c> and a relative
    /// tolerance <c>t</c> becomes the margin <c>ln(1 + t)</c>.
    /// </summary>
    Log = 1,
}
