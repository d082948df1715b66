namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>The comparison of one quantile between canary and baseline at one look.</summary>
public readonly struct QuantileComparisonResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="quantile">The quantile compared.</param>
    /// <param name="canary">The canary's bounds.</param>
    /// <param name="baseline">The baseline's bounds.</param>
    /// <param name="isWorse">Whether the canary's quantile is proven worse beyond the margin.</param>
    /// <param name="isNonInferior">Whether the canary's quantile is proven within the margin.</param>
    public QuantileComparisonResult(double quantile, QuantileBounds canary, QuantileBounds baseline, bool isWorse, bool isNonInferior)
    {
        Quantile = quantile;
        Canary = canary;
        Baseline = baseline;
        IsWorse = isWorse;
        IsNonInferior = isNonInferior;
    }

    /// <summary>The quantile compared, in (0, 1).</summary>
    public double Quantile { get; }

    /// <summary>The canary's bounds (each arm's band at α/2).</summary>
    public QuantileBounds Canary { get; }

    /// <summary>The baseline's bounds (each arm's band at α/2).</summary>
    public QuantileBounds Baseline { get; }

    /// <summary>
    /// Whether the canary's quantile is proven worse beyond the margin: with higher worse, canary lower bound &gt;
    /// baseline upper bound + margin·|baseline upper bound|.
    /// </summary>
    public bool IsWorse { get; }

    /// <summary>
    /// Whether the canary's quantile is proven no worse than the margin: with higher worse, canary upper bound &lt;
    /// baseline lower bound + margin·|baseline lower bound|.
    /// </summary>
    public bool IsNonInferior { get; }
}
