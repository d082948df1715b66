namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>A time-uniform confidence interval for one arm's quantile, from its bucketed distribution.</summary>
public readonly struct QuantileBounds
{
    /// <summary>Creates bounds.</summary>
    /// <param name="count">The number of values.</param>
    /// <param name="estimate">The midpoint of the bucket holding the empirical quantile (<see cref="double.NaN"/> when empty).</param>
    /// <param name="lower">The lower bound (<see cref="double.NegativeInfinity"/> when not yet informative).</param>
    /// <param name="upper">The upper bound (<see cref="double.PositiveInfinity"/> when not yet informative).</param>
    /// <param name="radius">The radius ε of the band around the empirical distribution function, in probability.</param>
    public QuantileBounds(long count, double estimate, double lower, double upper, double radius)
    {
        Count = count;
        Estimate = estimate;
        Lower = lower;
        Upper = upper;
        Radius = radius;
    }

    /// <summary>The number of values.</summary>
    public long Count { get; }

    /// <summary>The midpoint of the bucket holding the empirical quantile (<see cref="double.NaN"/> when empty).</summary>
    public double Estimate { get; }

    /// <summary>The lower bound: a bucket edge, so the histogram's resolution only widens the interval.</summary>
    public double Lower { get; }

    /// <summary>The upper bound: a bucket edge.</summary>
    public double Upper { get; }

    /// <summary>The radius ε of the band around the empirical distribution function, in probability (+∞ below the minimum count).</summary>
    public double Radius { get; }
}
