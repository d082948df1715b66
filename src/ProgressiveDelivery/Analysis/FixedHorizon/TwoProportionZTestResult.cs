namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>The result of a <see cref="TwoProportionZTest"/>.</summary>
/// <param name="ProportionX">The observed proportion of the first sample, successes / trials.</param>
/// <param name="ProportionY">The observed proportion of the second sample.</param>
/// <param name="Difference">The difference of proportions, <paramref name="ProportionX"/> - <paramref name="ProportionY"/>.</param>
/// <param name="StandardError">The pooled standard error under the null, √(p̂(1 - p̂)(1/nx + 1/ny)).</param>
/// <param name="Z">The z statistic, <paramref name="Difference"/> / <paramref name="StandardError"/> (0 when the standard error is 0).</param>
/// <param name="PValue">The p-value for the chosen alternative.</param>
/// <param name="ConfidenceLower">
/// The lower confidence bound of the difference (unpooled Wald interval; -1 for the one-sided "less" interval).
/// </param>
/// <param name="ConfidenceUpper">
/// The upper confidence bound of the difference (unpooled Wald interval; 1 for the one-sided "greater" interval).
/// </param>
public readonly record struct TwoProportionZTestResult(
    double ProportionX,
    double ProportionY,
    double Difference,
    double StandardError,
    double Z,
    double PValue,
    double ConfidenceLower,
    double ConfidenceUpper)
{
    /// <summary>Gets the relative difference <c>ProportionX / ProportionY - 1</c> (infinite or NaN when ProportionY is 0).</summary>
    public double RelativeDifference => (ProportionX / ProportionY) - 1;
}
