using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Testing;

/// <summary>One evaluation seen by an <see cref="EvaluationRecorder"/>.</summary>
/// <param name="FlagKey">The flag evaluated.</param>
/// <param name="Variant">The variant served, or <see langword="null"/> on error.</param>
/// <param name="UnitId">The targeting key of the context, or <see langword="null"/> when anonymous.</param>
/// <param name="Reason">Why the variant was served.</param>
/// <param name="Value">The value served (the caller's default on error).</param>
/// <param name="ErrorCode">The error, or <see cref="EvaluationErrorCode.None"/>.</param>
public sealed record RecordedEvaluation(
    string FlagKey,
    string? Variant,
    string? UnitId,
    EvaluationReason Reason,
    FlagValue Value,
    EvaluationErrorCode ErrorCode);
