using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// <c>lessThan</c>, <c>lessThanOrEqual</c>, <c>greaterThan</c>, <c>greaterThanOrEqual</c>, <c>numberEquals</c>,
/// <c>numberNotEquals</c> against one number. A number
/// attribute is used as is; a string is parsed invariantly from its span; a string list holds when any element holds;
/// booleans and dates are not numbers (false).
/// </summary>
internal sealed class NumberCondition(string attribute, ComparisonKind kind, double operand) : CompiledCondition(attribute)
{
    public ComparisonKind Kind => kind;

    public double Operand => operand;

    public override bool Matches(EvaluationContext context)
    {
        if (IsTargetingKey)
        {
            var key = context.TargetingKey;
            return key is not null && MatchesText(key);
        }

        ref readonly var value = ref Find(context);
        if (Unsafe.IsNullRef(in value))
        {
            return false;
        }

        switch (value.Kind)
        {
            case AttributeKind.Number:
                return Comparison.Holds(kind, value.Number.CompareTo(operand));
            case AttributeKind.String:
                return MatchesText(value.String);
            case AttributeKind.StringList:
                foreach (var item in value.List)
                {
                    if (MatchesText(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool MatchesText(string text) =>
        Literals.TryParseNumber(text, out var number) && Comparison.Holds(kind, number.CompareTo(operand));
}
