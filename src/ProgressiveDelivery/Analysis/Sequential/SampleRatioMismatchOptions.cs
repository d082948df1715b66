using System;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>Settings of a <see cref="SampleRatioMismatchTest"/>; validated and copied when the test is created.</summary>
public sealed class SampleRatioMismatchOptions
{
    /// <summary>
    /// The concentration c of the Dirichlet prior (c times the expected shares): large values look for small deviations
    /// of the observed split from the configured one.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    public double Concentration { get; set; } = 10_000;

    /// <summary>The p-value at or below which the assignment is declared unhealthy.</summary>
    /// <value>The default value is 0.001.</value>
    public double Threshold { get; set; } = 0.001;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    internal void Validate()
    {
        if (!(Concentration > 0) || double.IsInfinity(Concentration))
        {
            throw new ArgumentOutOfRangeException(nameof(Concentration), Concentration, "Concentration must be a finite number > 0.");
        }

        if (!(Threshold > 0 && Threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must lie strictly between 0 and 1.");
        }
    }
}
