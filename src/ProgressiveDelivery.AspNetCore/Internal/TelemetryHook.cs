using System.Diagnostics;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Counts every evaluation of the application's <see cref="FlagEvaluator"/> and, when a listener records the current
/// activity, adds a <c>feature_flag.evaluation</c> event to it (OpenTelemetry feature-flag semantic conventions).
/// </summary>
internal sealed class TelemetryHook(ProgressiveDeliveryMetrics metrics) : EvaluationHook
{
    internal static readonly ActivitySource ActivitySource = new(ProgressiveDeliveryTelemetry.ActivitySourceName);

    public override void After(in EvaluationHookContext context, in FlagEvaluation evaluation) => Record(evaluation);

    public override void Error(in EvaluationHookContext context, in FlagEvaluation evaluation) => Record(evaluation);

    private void Record(in FlagEvaluation evaluation)
    {
        metrics.RecordEvaluation(evaluation);
        if (ActivitySource.HasListeners() && Activity.Current is { IsAllDataRequested: true } activity)
        {
            var tags = new ActivityTagsCollection
            {
                { ProgressiveDeliveryTelemetry.FlagKeyTag, evaluation.FlagKey },
                { ProgressiveDeliveryTelemetry.ReasonTag, evaluation.ReasonName },
            };
            if (evaluation.Variant is { } variant)
            {
                tags.Add(ProgressiveDeliveryTelemetry.VariantTag, variant);
            }

            if (evaluation.IsError)
            {
                tags.Add(ProgressiveDeliveryTelemetry.ErrorTypeTag, evaluation.ErrorCodeName);
            }

            activity.AddEvent(new ActivityEvent(ProgressiveDeliveryTelemetry.EvaluationEventName, tags: tags));
        }
    }
}
