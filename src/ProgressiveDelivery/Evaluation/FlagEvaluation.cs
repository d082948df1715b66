using System;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// The result of evaluating one flag for one context: the value served, the variant it came from, and why.
/// Creating and copying it never allocates; pass it by <see langword="in"/>.
/// </summary>
public readonly struct FlagEvaluation
{
    /// <summary>Creates a result (for fakes and tests; the evaluator creates its own).</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="value">The value served.</param>
    /// <param name="variant">The variant served, or <see langword="null"/> when the caller's default was returned.</param>
    /// <param name="reason">Why the value was served.</param>
    /// <param name="ruleIndex">The index of the matched rule, or -1.</param>
    /// <param name="errorCode">The error, or <see cref="EvaluationErrorCode.None"/>.</param>
    /// <param name="errorMessage">A description of the error, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public FlagEvaluation(
        string flagKey,
        FlagValue value,
        string? variant,
        EvaluationReason reason,
        int ruleIndex = -1,
        EvaluationErrorCode errorCode = EvaluationErrorCode.None,
        string? errorMessage = null)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        FlagKey = flagKey;
        Value = value;
        Variant = variant;
        Reason = reason;
        RuleIndex = ruleIndex;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>A successful result from the evaluator, whose flag key is never null: without the public constructor's check.</summary>
    internal FlagEvaluation(string flagKey, FlagValue value, string variant, EvaluationReason reason, int ruleIndex)
    {
        FlagKey = flagKey;
        Value = value;
        Variant = variant;
        Reason = reason;
        RuleIndex = ruleIndex;
    }

    /// <summary>The key of the flag evaluated.</summary>
    public string FlagKey { get; }

    /// <summary>The value served: the variant's value, or the caller's default when <see cref="IsError"/>.</summary>
    public FlagValue Value { get; }

    /// <summary>The name of the variant served, or <see langword="null"/> when the caller's default was returned.</summary>
    public string? Variant { get; }

    /// <summary>Why <see cref="Value"/> was served.</summary>
    public EvaluationReason Reason { get; }

    /// <summary>The index of the targeting rule that matched, or -1 when no rule decided.</summary>
    public int RuleIndex { get; }

    /// <summary>The error, or <see cref="EvaluationErrorCode.None"/>.</summary>
    public EvaluationErrorCode ErrorCode { get; }

    /// <summary>Whether the evaluation failed and the caller's default was returned.</summary>
    public bool IsError => ErrorCode != EvaluationErrorCode.None;

    /// <summary>A fixed English description of the error (never built per call), or <see langword="null"/>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The OpenFeature name of <see cref="Reason"/> (<c>targeting_match</c>), a constant string.</summary>
    public string ReasonName => EvaluationNames.GetName(Reason);

    /// <summary>The OpenFeature name of <see cref="ErrorCode"/> (<c>flag_not_found</c>), empty when there is none.</summary>
    public string ErrorCodeName => EvaluationNames.GetName(ErrorCode);

    /// <summary>The result as text, for logs and debugging: <c>key=variant (reason)</c>.</summary>
    public override string ToString() => IsError
        ? $"{FlagKey}: {ReasonName} {ErrorCodeName} (default {Value})"
        : $"{FlagKey}={Variant} ({ReasonName}, {Value})";
}
