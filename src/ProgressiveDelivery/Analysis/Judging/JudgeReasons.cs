namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The stable, machine-readable reason codes of <see cref="JudgeVerdict.Reason"/>.</summary>
public static class JudgeReasons
{
    /// <summary>A critical or ordinary metric is proven worse (<see cref="JudgeDecision.Rollback"/>).</summary>
    public const string MetricFailed = "metric_failed";

    /// <summary>The arms' exposures do not match the configured split (<see cref="JudgeDecision.Pause"/>).</summary>
    public const string SampleRatioMismatch = "srm";

    /// <summary>A signal-only metric is proven worse (<see cref="JudgeDecision.Pause"/>).</summary>
    public const string SignalFailed = "signal_failed";

    /// <summary>A critical metric could not be evaluated (<see cref="JudgeDecision.Pause"/>).</summary>
    public const string MetricError = "metric_error";

    /// <summary>
    /// The canary has had no new exposures: <see cref="JudgeDecision.Continue"/> until the no-data limit,
    /// <see cref="JudgeDecision.Pause"/> after it. Never a rollback.
    /// </summary>
    public const string NoData = "no_data";

    /// <summary>Every deciding metric is proven inside its margin with its minimum sample (<see cref="JudgeDecision.Promote"/>).</summary>
    public const string AllMetricsPass = "all_metrics_pass";

    /// <summary>Nothing is proven yet (<see cref="JudgeDecision.Continue"/>).</summary>
    public const string Collecting = "collecting";

    /// <summary>Nothing was proven within the maximum duration (<see cref="JudgeDecision.Pause"/>).</summary>
    public const string Inconclusive = "inconclusive";

    /// <summary>A Kayenta-compatible analysis scored the canary (any decision; see <see cref="JudgeVerdict.Score"/>).</summary>
    public const string KayentaScore = "kayenta_score";
}
