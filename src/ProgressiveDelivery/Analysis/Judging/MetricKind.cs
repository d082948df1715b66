namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>What a judged metric measures and therefore which test compares the arms.</summary>
public enum MetricKind
{
    /// <summary>
    /// Events per exposure (errors, crashes, conversions): the named event count of each arm against its exposures,
    /// tested with the sequential count Bayes factor.
    /// </summary>
    CountRate = 0,

    /// <summary>The mean of per-request values (latency, payload size), tested with a mean confidence sequence.</summary>
    Mean = 1,

    /// <summary>A quantile of per-request values (e.g. p99 latency), tested with a time-uniform quantile comparison.</summary>
    Quantile = 2,
}
