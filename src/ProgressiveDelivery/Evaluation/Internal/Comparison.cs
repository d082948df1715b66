namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>Applies a <see cref="ComparisonKind"/> to a three-way comparison result (attribute versus operand).</summary>
internal static class Comparison
{
    public static bool Holds(ComparisonKind kind, int comparison) => kind switch
    {
        ComparisonKind.Equal => comparison == 0,
        ComparisonKind.Less => comparison < 0,
        ComparisonKind.LessOrEqual => comparison <= 0,
        ComparisonKind.Greater => comparison > 0,
        _ => comparison >= 0,
    };
}
