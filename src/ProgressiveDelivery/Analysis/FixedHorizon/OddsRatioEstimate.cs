namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>The conditional maximum-likelihood odds ratio of a 2×2 table and its exact confidence interval.</summary>
/// <param name="Estimate">The conditional MLE of the odds ratio (0 or +∞ when the top-left cell is at an end of its range).</param>
/// <param name="ConfidenceLower">The lower confidence bound (0 for the one-sided "less" interval).</param>
/// <param name="ConfidenceUpper">The upper confidence bound (+∞ for the one-sided "greater" interval).</param>
/// <param name="ConfidenceLevel">The confidence level of the interval.</param>
public readonly record struct OddsRatioEstimate(double Estimate, double ConfidenceLower, double ConfidenceUpper, double ConfidenceLevel);
