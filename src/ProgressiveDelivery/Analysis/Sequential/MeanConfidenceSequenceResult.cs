namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>
/// The confidence sequence on the difference of means (canary - baseline) at one look, and what it proves. The
/// verdict flags use the bad direction and the margin of the <see cref="MeanConfidenceSequenceOptions"/>.
/// </summary>
public readonly struct MeanConfidenceSequenceResult
{
    internal MeanConfidenceSequenceResult(
        long canaryCount, long baselineCount, double difference, double relativeDifference, double lowerBound, double upperBound,
        double margin, bool isWorse, bool isWorseBeyondMargin, bool isNonInferior)
    {
        CanaryCount = canaryCount;
        BaselineCount = baselineCount;
        Difference = difference;
        RelativeDifference = relativeDifference;
        LowerBound = lowerBound;
        UpperBound = upperBound;
        Margin = margin;
        IsWorse = isWorse;
        IsWorseBeyondMargin = isWorseBeyondMargin;
        IsNonInferior = isNonInferior;
    }

    /// <summary>The canary's number of values.</summary>
    public long CanaryCount { get; }

    /// <summary>The baseline's number of values.</summary>
    public long BaselineCount { get; }

    /// <summary>Whether both arms reached the minimum sample size, so that the bounds are finite.</summary>
    public bool HasEnoughData => !double.IsInfinity(LowerBound) && !double.IsInfinity(UpperBound);

    /// <summary>The estimated difference canary mean - baseline mean (<see cref="double.NaN"/> when an arm is empty).</summary>
    public double Difference { get; }

    /// <summary>The difference relative to the baseline mean (<see cref="double.NaN"/> when that mean is 0).</summary>
    public double RelativeDifference { get; }

    /// <summary>The lower bound of canary - baseline (<see cref="double.NegativeInfinity"/> without enough data).</summary>
    public double LowerBound { get; }

    /// <summary>The upper bound of canary - baseline (<see cref="double.PositiveInfinity"/> without enough data).</summary>
    public double UpperBound { get; }

    /// <summary>The non-inferiority margin as an absolute difference (≥ 0), on the bad side.</summary>
    public double Margin { get; }

    /// <summary>Whether the whole sequence lies strictly on the bad side of 0: the canary is proven worse.</summary>
    public bool IsWorse { get; }

    /// <summary>
    /// Whether the whole sequence lies strictly beyond the margin on the bad side: the canary is proven worse by more
    /// than the tolerated amount. Equals <see cref="IsWorse"/> when the margin is 0; this is the rollback signal.
    /// </summary>
    public bool IsWorseBeyondMargin { get; }

    /// <summary>
    /// Whether the bound on the bad side is strictly inside the margin: the canary is proven no worse than the margin
    /// (with a margin of 0: proven better).
    /// </summary>
    public bool IsNonInferior { get; }
}
