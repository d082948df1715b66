namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>The type of a context attribute.</summary>
internal enum AttributeKind : byte
{
    String = 1,
    Number = 2,
    Boolean = 3,
    Date = 4,
    StringList = 5,
}
