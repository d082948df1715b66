namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>The engine's answer before it becomes a <see cref="FlagEvaluation"/>: a variant index (or -1 on error) and why.</summary>
internal readonly struct EvaluationOutcome(int variant, EvaluationReason reason, int ruleIndex, EvaluationErrorCode errorCode)
{
    public int Variant { get; } = variant;

    public EvaluationReason Reason { get; } = reason;

    public int RuleIndex { get; } = ruleIndex;

    public EvaluationErrorCode ErrorCode { get; } = errorCode;
}
