namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// <c>semVerEquals</c> (any operand) and the semantic-version orderings (one operand), by SemVer 2.0.0 precedence.
/// A string attribute is parsed from its span without allocating; a string list holds when any element holds;
/// other types, and strings that are not versions, make the condition false.
/// </summary>
internal sealed class SemVerCondition(string attribute, ComparisonKind kind, SemanticVersion[] operands) : CompiledCondition(attribute)
{
    public override bool Matches(EvaluationContext context)
    {
        if (!TryResolve(context, out var value))
        {
            return false;
        }

        if (value.Kind == AttributeKind.String)
        {
            return MatchesText(value.String);
        }

        if (value.Kind == AttributeKind.StringList)
        {
            foreach (var item in value.List)
            {
                if (MatchesText(item))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool MatchesText(string text)
    {
        foreach (var operand in operands)
        {
            if (operand.TryCompareText(text, out var comparison) && Comparison.Holds(kind, comparison))
            {
                return true;
            }
        }

        return false;
    }
}
