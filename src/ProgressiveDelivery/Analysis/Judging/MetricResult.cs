namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The classification of one metric at one judgment.</summary>
public enum MetricResult
{
    /// <summary>Neither proven worse nor proven inside the margin yet (or the minimum sample is not reached).</summary>
    Inconclusive = 0,

    /// <summary>Proven no worse than the margin.</summary>
    Pass = 1,

    /// <summary>Proven higher than the baseline, in the bad direction.</summary>
    FailHigher = 2,

    /// <summary>Proven lower than the baseline, in the bad direction.</summary>
    FailLower = 3,

    /// <summary>An arm has no observation of this metric yet. Never a failure.</summary>
    NoData = 4,

    /// <summary>The metric could not be evaluated (e.g. non-finite values were recorded); see <see cref="MetricEvidence.Message"/>.</summary>
    Error = 5,
}
