using System;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>
/// The pooled two-proportion z-test: z = (p̂x - p̂y) / √(p̂(1 - p̂)(1/nx + 1/ny)) with the pooled proportion
/// p̂ = (sx + sy)/(nx + ny). Its two-sided p-value equals that of R's <c>prop.test(correct = FALSE)</c> (z² is its
/// X-squared); the confidence interval of the difference is the unpooled Wald interval.
/// </summary>
/// <remarks>
/// A fixed-horizon test: its error rate holds for one look at a sample size chosen in advance. Repeated looks need the
/// sequential tests. Counts in the billions are fine (the arithmetic is in doubles, no factorials).
/// </remarks>
public static class TwoProportionZTest
{
    /// <summary>Runs the test.</summary>
    /// <param name="successesX">Successes (events) in the first sample, e.g. canary errors.</param>
    /// <param name="trialsX">Trials in the first sample, e.g. canary requests; at least 1.</param>
    /// <param name="successesY">Successes in the second sample, e.g. baseline errors.</param>
    /// <param name="trialsY">Trials in the second sample; at least 1.</param>
    /// <param name="alternative">The alternative hypothesis about px - py.</param>
    /// <param name="confidenceLevel">The confidence level of the interval, in (0, 1).</param>
    /// <returns>The statistic, p-value, estimates and interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, successes exceed trials, a sample has no trials, or <paramref name="confidenceLevel"/> is
    /// outside (0, 1), or <paramref name="alternative"/> is undefined.
    /// </exception>
    public static TwoProportionZTestResult Compute(
        long successesX,
        long trialsX,
        long successesY,
        long trialsY,
        TestAlternative alternative = TestAlternative.TwoSided,
        double confidenceLevel = 0.95)
    {
        ValidateCounts(successesX, trialsX, nameof(successesX));
        ValidateCounts(successesY, trialsY, nameof(successesY));
        TestArguments.ValidateConfidence(confidenceLevel);
        TestArguments.ValidateAlternative(alternative);

        var px = (double)successesX / trialsX;
        var py = (double)successesY / trialsY;
        var difference = px - py;
        var pooled = (double)(successesX + successesY) / ((double)trialsX + trialsY);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / trialsX) + (1.0 / trialsY)));
        var z = standardError > 0 ? difference / standardError : 0;
        var pValue = standardError > 0 ? TestArguments.NormalPValue(z, alternative) : 1;

        var unpooled = Math.Sqrt((px * (1 - px) / trialsX) + (py * (1 - py) / trialsY));
        var (lower, upper) = TestArguments.NormalInterval(difference, unpooled, confidenceLevel, alternative);
        return new TwoProportionZTestResult(px, py, difference, standardError, z, pValue, Math.Max(-1, lower), Math.Min(1, upper));
    }

    private static void ValidateCounts(long successes, long trials, string name)
    {
        if (trials < 1 || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(name, successes, "Each sample needs at least one trial and 0 <= successes <= trials.");
        }
    }
}
