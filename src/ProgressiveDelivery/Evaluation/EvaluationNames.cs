namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// The lower-case OpenFeature names of <see cref="EvaluationReason"/> and <see cref="EvaluationErrorCode"/> values, as
/// constant strings (a closed set, safe as metric tag values). Looking a name up never allocates.
/// </summary>
public static class EvaluationNames
{
    /// <summary>The name of <see cref="EvaluationReason.Static"/>.</summary>
    public const string Static = "static";

    /// <summary>The name of <see cref="EvaluationReason.Default"/>.</summary>
    public const string Default = "default";

    /// <summary>The name of <see cref="EvaluationReason.TargetingMatch"/>.</summary>
    public const string TargetingMatch = "targeting_match";

    /// <summary>The name of <see cref="EvaluationReason.Split"/>.</summary>
    public const string Split = "split";

    /// <summary>The name of <see cref="EvaluationReason.Disabled"/>.</summary>
    public const string Disabled = "disabled";

    /// <summary>The name of <see cref="EvaluationReason.PrerequisiteFailed"/>.</summary>
    public const string PrerequisiteFailed = "prerequisite_failed";

    /// <summary>The name of <see cref="EvaluationReason.Error"/>.</summary>
    public const string Error = "error";

    /// <summary>The name of <see cref="EvaluationErrorCode.None"/> (an empty string: there is no error).</summary>
    public const string None = "";

    /// <summary>The name of <see cref="EvaluationErrorCode.FlagNotFound"/>.</summary>
    public const string FlagNotFound = "flag_not_found";

    /// <summary>The name of <see cref="EvaluationErrorCode.TypeMismatch"/>.</summary>
    public const string TypeMismatch = "type_mismatch";

    /// <summary>The name of <see cref="EvaluationErrorCode.TargetingKeyMissing"/>.</summary>
    public const string TargetingKeyMissing = "targeting_key_missing";

    /// <summary>The name of <see cref="EvaluationErrorCode.ParseError"/>.</summary>
    public const string ParseError = "parse_error";

    /// <summary>The name of <see cref="EvaluationErrorCode.General"/>.</summary>
    public const string General = "general";

    /// <summary>Returns the OpenFeature name of a reason, e.g. <c>targeting_match</c>; <c>error</c> for an undefined value.</summary>
    /// <param name="reason">The reason.</param>
    public static string GetName(EvaluationReason reason) => reason switch
    {
        EvaluationReason.Static => Static,
        EvaluationReason.Default => Default,
        EvaluationReason.TargetingMatch => TargetingMatch,
        EvaluationReason.Split => Split,
        EvaluationReason.Disabled => Disabled,
        EvaluationReason.PrerequisiteFailed => PrerequisiteFailed,
        _ => Error,
    };

    /// <summary>Returns the OpenFeature name of an error code, e.g. <c>flag_not_found</c>; <c>general</c> for an undefined value.</summary>
    /// <param name="errorCode">The error code.</param>
    public static string GetName(EvaluationErrorCode errorCode) => errorCode switch
    {
        EvaluationErrorCode.None => None,
        EvaluationErrorCode.FlagNotFound => FlagNotFound,
        EvaluationErrorCode.TypeMismatch => TypeMismatch,
        EvaluationErrorCode.TargetingKeyMissing => TargetingKeyMissing,
        EvaluationErrorCode.ParseError => ParseError,
        _ => General,
    };
}
