namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>The outcome of a Pearson chi-square goodness-of-fit test.</summary>
public readonly struct ChiSquareTestResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="statistic">The statistic Σ (O - E)² / E.</param>
    /// <param name="degreesOfFreedom">The degrees of freedom (arms with a positive expected share, minus one).</param>
    /// <param name="pValue">P(χ²_df ≥ statistic).</param>
    public ChiSquareTestResult(double statistic, int degreesOfFreedom, double pValue)
    {
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>The statistic Σ (O - E)² / E (<see cref="double.PositiveInfinity"/> when an arm expected to be empty is not).</summary>
    public double Statistic { get; }

    /// <summary>The degrees of freedom.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>The p-value P(χ²_df ≥ statistic).</summary>
    public double PValue { get; }
}
