namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>An immutable copy of one validated <see cref="MetricOptions"/>, with the judge-level defaults resolved.</summary>
internal sealed class MetricSettings
{
    public MetricSettings(MetricOptions options, int index, double judgeAlpha)
    {
        Index = index;
        Name = options.Name;
        Kind = options.Kind;
        Quantile = options.Quantile;
        Transform = options.Transform;
        Direction = options.BadDirection;
        Tolerance = options.Tolerance;
        ToleranceKind = options.ToleranceKind;
        Critical = options.Critical;
        Muted = options.Muted;
        SignalOnly = options.SignalOnly;
        MinimumSample = options.MinimumSample;
        Alpha = options.Alpha ?? judgeAlpha;
        Weight = options.Weight;
    }

    public int Index { get; }

    public string Name { get; }

    public MetricKind Kind { get; }

    public double Quantile { get; }

    public MetricTransform Transform { get; }

    public MetricDirection Direction { get; }

    public double Tolerance { get; }

    public ToleranceKind ToleranceKind { get; }

    public bool Critical { get; }

    public bool Muted { get; }

    public bool SignalOnly { get; }

    public long MinimumSample { get; }

    public double Alpha { get; }

    public double Weight { get; }

    /// <summary>
    /// The non-inferiority margin on the tested scale, given the baseline's estimate there: relative tolerances scale
    /// the baseline estimate, except for log means where they are <c>ln(1 + t)</c>.
    /// </summary>
    public double Margin(double baselineEstimate)
    {
        if (ToleranceKind == ToleranceKind.Absolute)
        {
            return Tolerance;
        }

        return Transform == MetricTransform.Log
            ? System.Math.Log(1 + Tolerance)
            : Tolerance * System.Math.Abs(baselineEstimate);
    }
}
