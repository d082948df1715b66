using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// <c>semVerEquals</c> (any operand) and the semantic-version orderings (one operand), by SemVer 2.0.0 precedence.
/// A string attribute is parsed from its span without allocating; a string list holds when any element holds;
/// other types, and strings that are not versions, make the condition false.
/// </summary>
/// <remarks>
/// Most comparisons are decided by the major version alone, so the text's leading number is read first: when it already
/// makes the comparison false, the answer is false whether or not the rest of the text is a valid version (text that
/// is not a version makes the condition false too), and the full parse is skipped.
/// </remarks>
internal sealed class SemVerCondition(string attribute, ComparisonKind kind, SemanticVersion[] operands) : CompiledCondition(attribute)
{
    // The first operand's major version, for the common single-operand test without copying the operand.
    private readonly ulong _firstMajor = operands.Length > 0 ? operands[0].Major : 0;

    public ComparisonKind Kind => kind;

    public int OperandCount => operands.Length;

    public ulong FirstMajor => _firstMajor;

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

        if (value.Kind == AttributeKind.String)
        {
            // The leading number was read when the context was built: usually no need to touch the chars.
            var leading = value.StringLeadingNumber;
            return MatchesText(value.String, leading != AttributeValue.NoLeadingNumber, leading);
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
        var hasMajor = SemanticVersion.TryReadMajor(text, out var major);
        return MatchesText(text, hasMajor, major);
    }

    private bool MatchesText(string text, bool hasMajor, ulong major)
    {
        if (hasMajor && operands.Length == 1 && !Comparison.CanHold(kind, major.CompareTo(_firstMajor)))
        {
            return false;
        }

        foreach (var operand in operands)
        {
            if (hasMajor && !Comparison.CanHold(kind, major.CompareTo(operand.Major)))
            {
                continue;
            }

            if (operand.TryCompareText(text, out var comparison) && Comparison.Holds(kind, comparison))
            {
                return true;
            }
        }

        return false;
    }
}
