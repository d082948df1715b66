using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// One condition of a flag's rules laid out flat (<see cref="RuleProgram"/>), so that the common operators are tested
/// inline, in the rule loop, without a virtual call: a number comparison, a case-sensitive scan of a few strings, and
/// the leading-number test that decides most semantic-version comparisons. Anything else (another attribute type, the
/// targeting key, an attribute without a name id, a full version comparison) goes to <see cref="Condition"/>, so the
/// answer is always the condition's own.
/// </summary>
internal readonly struct ConditionStep
{
    private ConditionStep(CompiledCondition condition, ConditionStepKind kind, string[]? values, double number, ulong major, byte truth, bool negate)
    {
        Condition = condition;
        Kind = condition.AttributeId >= 0 && condition.AttributeId < AttributeNameTable.Capacity ? kind : ConditionStepKind.Call;
        Values = values;
        Number = number;
        Major = major;
        Truth = truth;
        Negate = negate;
        AttributeId = condition.AttributeId;
    }

    public CompiledCondition Condition { get; }

    public ConditionStepKind Kind { get; }

    /// <summary>The values of a <see cref="ConditionStepKind.StringSet"/> step.</summary>
    public string[]? Values { get; }

    /// <summary>The operand of a <see cref="ConditionStepKind.Number"/> step.</summary>
    public double Number { get; }

    /// <summary>The operand's major version of a <see cref="ConditionStepKind.SemVerMajor"/> step.</summary>
    public ulong Major { get; }

    /// <summary>Bit <c>c + 1</c> set: the comparison holds (or, for a version, can still hold) when attribute versus operand compares as <c>c</c>.</summary>
    public byte Truth { get; }

    public bool Negate { get; }

    public int AttributeId { get; }

    public static ConditionStep From(CompiledCondition condition) => condition switch
    {
        NumberCondition number when double.IsFinite(number.Operand) => new(condition, ConditionStepKind.Number, null, number.Operand, 0, TruthTable(number.Kind), false),
        StringSetCondition { ScannedValues: { } values } set => new(condition, ConditionStepKind.StringSet, values, 0, 0, 0, set.IsNegated),
        SemVerCondition { OperandCount: 1 } version =>
            new(condition, ConditionStepKind.SemVerMajor, null, 0, version.FirstMajor, (byte)(TruthTable(version.Kind) | 0b010), false),
        _ => new(condition, ConditionStepKind.Call, null, 0, 0, 0, false),
    };

    /// <summary>Whether the condition holds for <paramref name="context"/>: the same answer as <see cref="CompiledCondition.Matches"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(EvaluationContext context)
    {
        var kind = Kind;
        if (kind != ConditionStepKind.Call)
        {
            // Fast kinds always have an id below the table's capacity.
            ref readonly var value = ref context.FindById(AttributeId);
            if (Unsafe.IsNullRef(in value))
            {
                return false;
            }

            if (kind == ConditionStepKind.Number)
            {
                if (value.Kind == AttributeKind.Number)
                {
                    // Both sides are finite, so this is CompareTo's -1, 0 or 1, without its NaN branches.
                    var number = value.Number;
                    var comparison = (number > Number ? 1 : 0) - (number < Number ? 1 : 0);
                    return ((Truth >> (comparison + 1)) & 1) != 0;
                }
            }
            else if (value.Kind == AttributeKind.String)
            {
                if (kind == ConditionStepKind.StringSet)
                {
                    return ContainsOrdinal(Values!, value.String) != Negate;
                }

                var leading = value.StringLeadingNumber;
                if (leading != AttributeValue.NoLeadingNumber && ((Truth >> (leading.CompareTo(Major) + 1)) & 1) == 0)
                {
                    return false;
                }
            }
        }

        return Condition.Matches(context);
    }

    private static bool ContainsOrdinal(string[] values, string text)
    {
        for (var i = 0; i < values.Length; i++)
        {
            // Most candidates differ in length or first char: reject those without a call.
            var value = values[i];
            if (value.Length == text.Length && (value.Length == 0 || value[0] == text[0]) && string.Equals(value, text))
            {
                return true;
            }
        }

        return false;
    }

    private static byte TruthTable(ComparisonKind kind)
    {
        var table = 0;
        for (var comparison = -1; comparison <= 1; comparison++)
        {
            table |= Comparison.Holds(kind, comparison) ? 1 << (comparison + 1) : 0;
        }

        return (byte)table;
    }
}
