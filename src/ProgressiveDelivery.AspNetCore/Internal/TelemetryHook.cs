using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Counts every evaluation of the application's <see cref="FlagEvaluator"/> and emits the OpenTelemetry
/// <c>feature_flag.evaluation</c> event: as a log record (category <see cref="ProgressiveDeliveryTelemetry.EvaluationEventCategory"/>,
/// level Debug, event name <see cref="ProgressiveDeliveryTelemetry.EvaluationEventName"/>) when that category is enabled,
/// and as an event on the current activity when a listener records it.
/// </summary>
internal sealed class TelemetryHook(ProgressiveDeliveryMetrics metrics, ILoggerFactory loggerFactory) : EvaluationHook
{
    internal static readonly ActivitySource ActivitySource = new(ProgressiveDeliveryTelemetry.ActivitySourceName);

    private static readonly EventId EventId = new(100, ProgressiveDeliveryTelemetry.EvaluationEventName);

    private readonly ILogger _events = loggerFactory.CreateLogger(ProgressiveDeliveryTelemetry.EvaluationEventCategory);

    public override void After(in EvaluationHookContext context, in FlagEvaluation evaluation) => Record(evaluation);

    public override void Error(in EvaluationHookContext context, in FlagEvaluation evaluation) => Record(evaluation);

    private void Record(in FlagEvaluation evaluation)
    {
        metrics.RecordEvaluation(evaluation);
        var logged = _events.IsEnabled(LogLevel.Debug);
        var activity = ActivitySource.HasListeners() && Activity.Current is { IsAllDataRequested: true } current ? current : null;
        if (!logged && activity is null)
        {
            return;
        }

        var evaluationEvent = new EvaluationEvent(evaluation);
        if (logged)
        {
            _events.Log(LogLevel.Debug, EventId, evaluationEvent, null, EvaluationEvent.Format);
        }

        if (activity is not null)
        {
            var tags = new ActivityTagsCollection();
            foreach (var attribute in evaluationEvent.Attributes)
            {
                tags.Add(attribute);
            }

            activity.AddEvent(new ActivityEvent(ProgressiveDeliveryTelemetry.EvaluationEventName, tags: tags));
        }
    }
}
