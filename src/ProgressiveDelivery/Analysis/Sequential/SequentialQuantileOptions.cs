using System;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>Settings of <see cref="SequentialQuantileTest"/>; validated on each use.</summary>
public sealed class SequentialQuantileOptions
{
    /// <summary>
    /// The quantile compared, in (0, 1). The band's radius is the same for every quantile, so extreme quantiles need
    /// many values: p99 needs tens of thousands per arm before its upper bound is finite.
    /// </summary>
    /// <value>The default value is 0.9.</value>
    public double Quantile { get; set; } = 0.9;

    /// <summary>The error probability of the comparison (split equally between the two arms' bands).</summary>
    /// <value>The default value is 0.05.</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>The count per arm from which the bands are computed (the m of the bound; below it the bounds are infinite).</summary>
    /// <value>The default value is 100.</value>
    public long MinimumCount { get; set; } = 100;

    /// <summary>Whether a higher canary quantile is the bad direction (latency) rather than a lower one.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HigherIsWorse { get; set; } = true;

    /// <summary>
    /// The tolerated relative difference on the bad side, ≥ 0 (0.1 = the canary's quantile may be 10% above the
    /// baseline's before it counts as worse; the non-inferiority claim uses the same margin).
    /// </summary>
    /// <value>The default value is 0.</value>
    public double RelativeMargin { get; set; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    internal void Validate()
    {
        if (!(Quantile > 0 && Quantile < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Quantile), Quantile, "Quantile must lie strictly between 0 and 1.");
        }

        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must lie strictly between 0 and 1.");
        }

        if (MinimumCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumCount), MinimumCount, "MinimumCount must be at least 1.");
        }

        if (!(RelativeMargin >= 0) || double.IsInfinity(RelativeMargin))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeMargin), RelativeMargin, "RelativeMargin must be a finite number >= 0.");
        }
    }
}
