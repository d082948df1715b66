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

    /// <summary>
    /// The default judge of a rollout: <c>errors</c> as a count rate (critical, promotable within a rate ratio of 1.5)
    /// and <c>latency</c> as the mean of ln(duration) (promotable within a 10% ratio of geometric means); the other
    /// settings are <see cref="JudgeOptions"/>' defaults.
    /// </summary>
    /// <returns>New options, to change at will.</returns>
    public static JudgeOptions CreateDefaultJudgeOptions()
    {
        var options = new JudgeOptions();
        options.Metrics.Add(new MetricOptions { Name = Errors, Kind = MetricKind.CountRate, Tolerance = 0.5, Critical = true });
        options.Metrics.Add(new MetricOptions { Name = Latency, Kind = MetricKind.Mean, Transform = MetricTransform.Log, Tolerance = 0.1 });
        return options;
    }
}
