namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>The result of a <see cref="WelchTTest"/>.</summary>
/// <param name="Difference">The difference of means, mean(x) - mean(y).</param>
/// <param name="StandardError">The standard error of the difference, √(sx²/nx + sy²/ny).</param>
/// <param name="T">The t statistic, <paramref name="Difference"/> / <paramref name="StandardError"/>.</param>
/// <param name="DegreesOfFreedom">The Welch-Satterthwaite degrees of freedom.</param>
/// <param name="PValue">The p-value for the chosen alternative.</param>
/// <param name="ConfidenceLower">The lower confidence bound of the difference (-∞ for the one-sided "less" interval).</param>
/// <param name="ConfidenceUpper">The upper confidence bound of the difference (+∞ for the one-sided "greater" interval).</param>
public readonly record struct WelchTTestResult(
    double Difference,
    double StandardError,
    double T,
    double DegreesOfFreedom,
    double PValue,
    double ConfidenceLower,
    double ConfidenceUpper);
