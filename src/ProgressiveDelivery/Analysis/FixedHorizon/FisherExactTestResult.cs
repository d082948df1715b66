namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>The result of a <see cref="FisherExactTest"/>.</summary>
/// <param name="PValue">The exact p-value for the chosen alternative.</param>
/// <param name="SampleOddsRatio">
/// The sample odds ratio (a·d)/(b·c) of the table [[a, b], [c, d]]: +∞ when b·c = 0 &lt; a·d, NaN when both are 0.
/// (R reports the conditional maximum-likelihood estimate instead: see <see cref="FisherExactTest.EstimateOddsRatio"/>;
/// the two agree closely in large tables.)
/// </param>
public readonly record struct FisherExactTestResult(double PValue, double SampleOddsRatio);
