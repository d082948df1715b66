namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>The result of a <see cref="MannWhitneyTest"/>.</summary>
/// <param name="U">
/// The Mann-Whitney statistic of the first sample, #{x &gt; y} + ½·#{x = y} over all pairs; R's <c>W</c>.
/// </param>
/// <param name="Z">The standardised statistic (tie-corrected variance, continuity-corrected when asked); 0 when all values are tied.</param>
/// <param name="PValue">The normal-approximation p-value for the chosen alternative; 1 when all values are tied.</param>
/// <param name="CountX">The size of the first sample.</param>
/// <param name="CountY">The size of the second sample.</param>
public readonly record struct MannWhitneyTestResult(double U, double Z, double PValue, long CountX, long CountY)
{
    /// <summary>
    /// Gets U / (nx·ny) = P(X &gt; Y) + ½·P(X = Y), the probability that a random x exceeds a random y (the area under
    /// the ROC curve); 0.5 means no difference.
    /// </summary>
    public double ProbabilityOfSuperiority => U / ((double)CountX * CountY);
}
