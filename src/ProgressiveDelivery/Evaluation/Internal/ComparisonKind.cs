namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>The ordering operators, shared by numbers, dates and semantic versions.</summary>
internal enum ComparisonKind
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary>Numbers only: differs (no single interval, so never a <see cref="ConditionStepKind.Number"/> step).</summary>
    NotEqual,
}
