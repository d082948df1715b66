namespace ProgressiveDelivery.AspNetCore;

/// <summary>
/// The names under which ProgressiveDelivery publishes telemetry: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="MeterName"/>, the log category of the evaluation
/// events, and the instruments and attributes the package's README documents. With the OpenTelemetry SDK:
/// <c>AddMeter(ProgressiveDeliveryTelemetry.MeterName)</c>, <c>AddSource(ProgressiveDeliveryTelemetry.ActivitySourceName)</c>,
/// and a log filter enabling <see cref="EvaluationEventCategory"/> at Debug.
/// </summary>
public static class ProgressiveDeliveryTelemetry
{
    /// <summary>The name of the meter (created through <c>IMeterFactory</c>).</summary>
    public const string MeterName = "ProgressiveDelivery";

    /// <summary>The name of the activity source that adds a <see cref="EvaluationEventName"/> event per evaluation.</summary>
    public const string ActivitySourceName = "ProgressiveDelivery";

    /// <summary>Counter of flag evaluations, unit <c>{evaluation}</c>.</summary>
    public const string EvaluationsInstrument = "progressive_delivery.evaluations";

    /// <summary>
    /// Histogram of the duration of requests served under a gated, routed or measured flag, per variant, unit <c>s</c>;
    /// its count is the number of those requests (there is no separate request counter).
    /// </summary>
    public const string RequestDurationInstrument = "progressive_delivery.request.duration";

    /// <summary>Counter of override requests by result, unit <c>{override}</c>.</summary>
    public const string OverridesInstrument = "progressive_delivery.overrides";

    /// <summary>
    /// The name of the event emitted per evaluation (OpenTelemetry feature-flag semantic conventions): the
    /// <c>EventId.Name</c> of the log record in <see cref="EvaluationEventCategory"/>, and the name of the event added to
    /// the current activity.
    /// </summary>
    public const string EvaluationEventName = "feature_flag.evaluation";

    /// <summary>
    /// The logger category of the <see cref="EvaluationEventName"/> log records, one per evaluation at level Debug (off
    /// unless a log filter enables the category at Debug, so a default application's logs are not flooded).
    /// </summary>
    public const string EvaluationEventCategory = "ProgressiveDelivery.Evaluation";

    /// <summary>The value of <see cref="ProviderNameTag"/> on the evaluation events.</summary>
    public const string ProviderName = "ProgressiveDelivery";

    /// <summary>Event attribute: the flag provider (OpenTelemetry <c>feature_flag.provider.name</c>), always <see cref="ProviderName"/>.</summary>
    public const string ProviderNameTag = "feature_flag.provider.name";

    /// <summary>Event attribute: a fixed English description of the evaluation error (OpenTelemetry <c>error.message</c>); only on error.</summary>
    public const string ErrorMessageTag = "error.message";

    /// <summary>Tag: the flag key (OpenTelemetry <c>feature_flag.key</c>).</summary>
    public const string FlagKeyTag = "feature_flag.key";

    /// <summary>Tag: the variant served (OpenTelemetry <c>feature_flag.result.variant</c>); absent when the evaluation failed.</summary>
    public const string VariantTag = "feature_flag.result.variant";

    /// <summary>Tag: why the variant was served (OpenTelemetry <c>feature_flag.result.reason</c>: static, default, targeting_match, split, disabled, prerequisite_failed, error).</summary>
    public const string ReasonTag = "feature_flag.result.reason";

    /// <summary>Tag: the error (OpenTelemetry <c>error.type</c>): an evaluation error code, an HTTP 5xx status code or an exception type name.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag: the result of an override request: <c>applied</c>, <c>unauthorized</c> or <c>invalid</c> (counted only while an override policy is set).</summary>
    public const string OverrideResultTag = "progressive_delivery.override.result";

    /// <summary>Observable gauge of each rollout's canary weight, unit <c>%</c>, tagged <see cref="RolloutIdTag"/> and <see cref="FlagKeyTag"/>.</summary>
    public const string RolloutWeightInstrument = "progressive_delivery.rollout.weight";

    /// <summary>
    /// Observable gauge of each rollout's status as a code (0 pending, 1 progressing, 2 paused, 3 promoted, 4 rolled back,
    /// 5 aborted), unit <c>{status}</c>, tagged <see cref="RolloutIdTag"/>, <see cref="FlagKeyTag"/> and <see cref="RolloutStatusTag"/>.
    /// </summary>
    public const string RolloutStatusInstrument = "progressive_delivery.rollout.status";

    /// <summary>Tag: the rollout's id (from the definitions).</summary>
    public const string RolloutIdTag = "progressive_delivery.rollout.id";

    /// <summary>Tag: the rollout's status: <c>pending</c>, <c>progressing</c>, <c>paused</c>, <c>promoted</c>, <c>rolled_back</c> or <c>aborted</c>.</summary>
    public const string RolloutStatusTag = "progressive_delivery.rollout.status";
}
