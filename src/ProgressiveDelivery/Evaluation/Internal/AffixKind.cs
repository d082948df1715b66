namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>How an <see cref="AffixCondition"/> compares.</summary>
internal enum AffixKind
{
    StartsWith,
    EndsWith,
    Contains,
}
