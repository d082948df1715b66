namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The stable codes of <see cref="MetricEvidence.Rule"/>: which rule classified a metric.</summary>
public static class MetricRules
{
    /// <summary>An arm has no observation of the metric yet.</summary>
    public const string NoData = "no_data";

    /// <summary>An arm has fewer than <see cref="MetricOptions.MinimumSample"/> observations.</summary>
    public const string MinimumSample = "minimum_sample";

    /// <summary>The anytime-valid test rejected equality in the bad direction (p-value at most alpha).</summary>
    public const string ProvenWorse = "proven_worse";

    /// <summary>The confidence bound on the bad side lies inside the non-inferiority margin.</summary>
    public const string ProvenNonInferior = "proven_non_inferior";

    /// <summary>Neither bound is decisive yet.</summary>
    public const string Undecided = "undecided";

    /// <summary>The metric's data could not be evaluated.</summary>
    public const string Error = "error";

    /// <summary>Kayenta-compatible: the interval cleared zero by the tolerance on the high side.</summary>
    public const string KayentaHigh = "kayenta_high";

    /// <summary>Kayenta-compatible: the interval cleared zero by the tolerance on the low side.</summary>
    public const string KayentaLow = "kayenta_low";

    /// <summary>Kayenta-compatible: the metric was classified as passing.</summary>
    public const string KayentaPass = "kayenta_pass";

    /// <summary>Kayenta-compatible: the metric awaits a full analysis window.</summary>
    public const string KayentaCollecting = "kayenta_collecting";
}
