namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>The Hodges-Lehmann estimate of the location shift between two samples and its confidence interval.</summary>
/// <param name="Estimate">The median of all pairwise differences x - y.</param>
/// <param name="ConfidenceLower">The lower confidence bound of the shift (-∞ for the one-sided "less" interval).</param>
/// <param name="ConfidenceUpper">The upper confidence bound of the shift (+∞ for the one-sided "greater" interval).</param>
/// <param name="ConfidenceLevel">The confidence level of the interval.</param>
public readonly record struct HodgesLehmannEstimate(double Estimate, double ConfidenceLower, double ConfidenceUpper, double ConfidenceLevel);
