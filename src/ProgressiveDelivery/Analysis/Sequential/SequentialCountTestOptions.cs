using System;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>Settings of a <see cref="SequentialCountTest"/>; validated and copied when the test is created.</summary>
public sealed class SequentialCountTestOptions
{
    /// <summary>
    /// The prior concentration c: the prior on the canary's share of events at the reference share θ is
    /// Beta(c·θ, c·(1 - θ)). About 100 suits canary-sized effects (errors ×2); about 10,000 suits tiny deviations.
    /// </summary>
    /// <value>The default value is 100.</value>
    public double Concentration { get; set; } = 100;

    /// <summary>
    /// Whether only evidence that the canary is worse counts (the prior puts mass only on rate ratios on the bad side of
    /// 1), so that a better canary can never be rejected as worse.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool OneSided { get; set; } = true;

    /// <summary>
    /// Whether a higher canary event rate is the bad direction (errors, crashes) rather than a lower one (conversions).
    /// Used only when <see cref="OneSided"/> is set.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HigherIsWorse { get; set; } = true;

    /// <summary>
    /// The canary share θ at which the prior is the Beta(c·θ, c·(1 - θ)) of the Beta-binomial test; with a constant share
    /// equal to it the test is exactly the Beta-binomial Bayes factor. <see langword="null"/> takes the share of the
    /// first update that carries a share strictly between 0 and 1.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? ReferenceShare { get; set; }

    /// <summary>The number of points of the grid in ln ρ that carries the prior (each update costs this many logarithms).</summary>
    /// <value>The default value is 401.</value>
    public int GridPoints { get; set; } = 401;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    internal void Validate()
    {
        if (!(Concentration > 0) || double.IsInfinity(Concentration))
        {
            throw new ArgumentOutOfRangeException(nameof(Concentration), Concentration, "Concentration must be a finite number > 0.");
        }

        if (ReferenceShare is { } share && !(share > 0 && share < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ReferenceShare), share, "ReferenceShare must lie strictly between 0 and 1.");
        }

        if (GridPoints is < 3 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(GridPoints), GridPoints, "GridPoints must lie between 3 and 100000.");
        }
    }
}
