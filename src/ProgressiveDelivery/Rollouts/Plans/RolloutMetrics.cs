using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Outcomes;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>
/// The metrics a rollout records from each <see cref="RequestOutcome"/>: <see cref="Errors"/> (a count of failed
/// requests) and <see cref="Latency"/> (request durations in seconds). A rollout's judge may only use these names.
/// </summary>
public static class RolloutMetrics
{
    /// <summary>The count metric of failed requests (<see cref="RequestOutcome.Failed"/>), per exposure.</summary>
    public const string Errors = "errors";

    /// <summary>
    /// The value metric of request durations (<see cref="RequestOutcome.DurationSeconds"/>), recorded through the
    /// metric's <see cref="MetricOptions.ToRecordedValue"/> (the natural logarithm with <see cref="MetricTransform.Log"/>;
    /// non-positive durations are then skipped).
    /// </summary>
    public const string Latency = "latency";

    /// <summary>The significance level of each metric of the default judge: 0.05 shared by its two metrics.</summary>
    public const double DefaultAlpha = 0.025;

    /// <summary>
    /// The default judge of a rollout: <c>errors</c> as a count rate (critical, promotable within a rate ratio of 1.5)
    /// and <c>latency</c> as the mean of ln(duration) (promotable within a 10% ratio of geometric means), with
    /// <see cref="JudgeOptions.Alpha"/> = 0.025: each of the two metrics that may roll back gets half of 5%, so that the
    /// probability that a healthy canary is ever rolled back, over the whole rollout, stays at most 5% (Bonferroni).
    /// The other settings are <see cref="JudgeOptions"/>' defaults.
    /// </summary>
    /// <returns>New options, to change at will.</returns>
    public static JudgeOptions CreateDefaultJudgeOptions()
    {
        var options = new JudgeOptions { Alpha = DefaultAlpha };
        options.Metrics.Add(new MetricOptions { Name = Errors, Kind = MetricKind.CountRate, Tolerance = 0.5, Critical = true });
        options.Metrics.Add(new MetricOptions { Name = Latency, Kind = MetricKind.Mean, Transform = MetricTransform.Log, Tolerance = 0.1 });
        return options;
    }
}
