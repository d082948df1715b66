namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>Which change of a metric counts against the canary.</summary>
public enum MetricDirection
{
    /// <summary>Higher is worse (errors, latency). Only an increase can fail the metric.</summary>
    Increase = 0,

    /// <summary>Lower is worse (conversions, throughput). Only a decrease can fail the metric.</summary>
    Decrease = 1,

    /// <summary>Any change is worse; both sides are tested, two-sided at the significance level.</summary>
    Either = 2,
}
