namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// <c>before</c>, <c>after</c> against one instant (strictly). A date attribute is used as is; a number is Unix seconds;
/// a string is parsed as ISO 8601 or Unix seconds; a string list holds when any element holds; booleans are not dates.
/// </summary>
internal sealed class DateCondition(string attribute, ComparisonKind kind, long operandUtcTicks) : CompiledCondition(attribute)
{
    public override bool Matches(EvaluationContext context)
    {
        if (!TryResolve(context, out var value))
        {
            return false;
        }

        switch (value.Kind)
        {
            case AttributeKind.Date:
                return Holds(value.UtcTicks);
            case AttributeKind.Number:
                return Literals.TryConvertUnixSeconds(value.Number, out var ticks) && Holds(ticks);
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

    private bool Holds(long utcTicks) => Comparison.Holds(kind, utcTicks.CompareTo(operandUtcTicks));

    private bool MatchesText(string text) => Literals.TryParseDate(text, out var ticks) && Holds(ticks);
}
