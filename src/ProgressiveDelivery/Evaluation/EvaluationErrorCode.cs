namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Why an evaluation failed, in OpenFeature's vocabulary (see <see cref="EvaluationNames"/> for the lower-case names).
/// When it is not <see cref="None"/>, the reason is <see cref="EvaluationReason.Error"/> and the caller's default is served.
/// </summary>
public enum EvaluationErrorCode
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The snapshot has no flag with the requested key.</summary>
    FlagNotFound,

    /// <summary>The flag's values are of another type than the caller asked for.</summary>
    TypeMismatch,

    /// <summary>A percentage split had to be served but the context has no bucketing key (targeting key or <c>bucketBy</c> attribute).</summary>
    TargetingKeyMissing,

    /// <summary>Definitions could not be parsed. Not produced by evaluation itself: compiled snapshots are always valid.</summary>
    ParseError,

    /// <summary>Any other failure.</summary>
    General,
}
