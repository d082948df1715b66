using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>Applies a <see cref="ComparisonKind"/> to a three-way comparison result (attribute versus operand).</summary>
internal static class Comparison
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Holds(ComparisonKind kind, int comparison) => kind switch
    {
        ComparisonKind.Equal => comparison == 0,
        ComparisonKind.Less => comparison < 0,
        ComparisonKind.LessOrEqual => comparison <= 0,
        ComparisonKind.Greater => comparison > 0,
        ComparisonKind.NotEqual => comparison != 0,
        _ => comparison >= 0,
    };

    /// <summary>
    /// Whether the comparison can still hold when the most significant part compares as <paramref name="leading"/>:
    /// false as soon as that part alone decides against it (e.g. a smaller major version for <c>&gt;=</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanHold(ComparisonKind kind, int leading) => leading == 0 || Holds(kind, leading);
}
