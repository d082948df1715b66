namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>The fixed messages of <see cref="FlagEvaluation.ErrorMessage"/>: static strings, never built per evaluation.</summary>
internal static class ErrorMessages
{
    public const string FlagNotFound = "The flag is not defined in the current snapshot; the caller's default was returned.";

    public const string TypeMismatch = "The flag's values are of another type than requested; the caller's default was returned.";

    public const string TargetingKeyMissing = "A split needs a bucketing key (the targeting key or the flag's bucketBy attribute) and the context has none; the caller's default was returned.";

    public const string General = "The evaluation failed; the caller's default was returned.";

    public static string? For(EvaluationErrorCode errorCode) => errorCode switch
    {
        EvaluationErrorCode.None => null,
        EvaluationErrorCode.FlagNotFound => FlagNotFound,
        EvaluationErrorCode.TypeMismatch => TypeMismatch,
        EvaluationErrorCode.TargetingKeyMissing => TargetingKeyMissing,
        _ => General,
    };
}
