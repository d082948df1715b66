using System;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>Settings of <see cref="MeanConfidenceSequence"/>; validated on each use.</summary>
public sealed class MeanConfidenceSequenceOptions
{
    /// <summary>The error probability α of the confidence sequence (of each bound when <see cref="OneSided"/>).</summary>
    /// <value>The default value is 0.05.</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>
    /// The tuning sample size N (both arms together) at which the sequence is tightest; it sets the mixing parameter
    /// r = √((-2 ln α + ln(1 - 2 ln α)) / N). Any fixed value keeps the guarantee; choose about the sample size at which
    /// you expect to decide.
    /// </summary>
    /// <value>The default value is 5000 (GrowthBook's default).</value>
    public double TuningSampleSize { get; set; } = 5000;

    /// <summary>
    /// Whether each bound is a one-sided bound at level α (the lower bound proves "higher", the upper bound proves
    /// "lower", each wrong with probability ≤ α), rather than the pair covering the difference jointly with 1 - α.
    /// One-sided bounds are narrower; use them when each decision (roll back, promote) has its own error budget.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool OneSided { get; set; } = true;

    /// <summary>Whether a higher canary mean is the bad direction (latency, payload size) rather than a lower one (revenue).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HigherIsWorse { get; set; } = true;

    /// <summary>
    /// The non-inferiority margin, ≥ 0: how far on the bad side the canary may be and still be acceptable. Relative to
    /// the baseline mean when <see cref="RelativeMargin"/> is set (0.05 = 5% of |baseline mean|), else absolute.
    /// </summary>
    /// <value>The default value is 0.</value>
    public double NonInferiorityMargin { get; set; }

    /// <summary>Whether <see cref="NonInferiorityMargin"/> is a fraction of |baseline mean| rather than an absolute difference.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RelativeMargin { get; set; } = true;

    /// <summary>
    /// The smallest count per arm at which bounds are reported (the guarantee is asymptotic: it needs the central limit
    /// theorem to have started working and the variance to be estimated). Below it the bounds are infinite.
    /// </summary>
    /// <value>The default value is 30.</value>
    public long MinimumSampleSize { get; set; } = 30;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    internal void Validate()
    {
        if (!(Alpha > 0 && Alpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must lie strictly between 0 and 0.5.");
        }

        if (!(TuningSampleSize > 0) || double.IsInfinity(TuningSampleSize))
        {
            throw new ArgumentOutOfRangeException(nameof(TuningSampleSize), TuningSampleSize, "TuningSampleSize must be a finite number > 0.");
        }

        if (!(NonInferiorityMargin >= 0) || double.IsInfinity(NonInferiorityMargin))
        {
            throw new ArgumentOutOfRangeException(nameof(NonInferiorityMargin), NonInferiorityMargin, "NonInferiorityMargin must be a finite number >= 0.");
        }

        if (MinimumSampleSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumSampleSize), MinimumSampleSize, "MinimumSampleSize must be at least 2.");
        }
    }
}
