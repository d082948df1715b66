namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Why an evaluation produced its value, in OpenFeature's vocabulary (see <see cref="EvaluationNames"/> for the
/// lower-case names used in telemetry).
/// </summary>
public enum EvaluationReason
{
    /// <summary>The flag has no targeting rules and serves a fixed default variant.</summary>
    Static = 0,

    /// <summary>The flag has targeting rules but none matched; the default variant was served.</summary>
    Default,

    /// <summary>A targeting rule matched and served a fixed variant (<see cref="FlagEvaluation.RuleIndex"/> says which).</summary>
    TargetingMatch,

    /// <summary>A percentage split assigned the variant, from a matched rule or the default split.</summary>
    Split,

    /// <summary>The flag is disabled (kill switch); its off variant was served.</summary>
    Disabled,

    /// <summary>A prerequisite flag was not satisfied; the off variant was served.</summary>
    PrerequisiteFailed,

    /// <summary>The evaluation failed; the caller's default value was returned (see <see cref="FlagEvaluation.ErrorCode"/>).</summary>
    Error,
}
