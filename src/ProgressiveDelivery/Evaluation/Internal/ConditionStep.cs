using System;
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
    // The number operand (Number) or the operand's major version (SemVerMajor), as bits.
    private readonly long _operand;

    // The TextKey of Values[0] and Values[1] (StringSet); NoKey where there is no such value.
    private readonly ulong _firstKey;
    private readonly ulong _secondKey;

    // No string has this key: its length would be negative.
    private const ulong NoKey = ulong.MaxValue;

    private ConditionStep(CompiledCondition? condition, ConditionStepKind kind, string[]? values, long operand, byte truth, bool negate)
    {
        Condition = condition;
        var id = condition?.AttributeId ?? -1;
        Kind = kind <= ConditionStepKind.Always || (id >= 0 && id < AttributeNameTable.Capacity) ? kind : ConditionStepKind.Call;
        Values = values;
        _operand = operand;
        Truth = truth;
        Negate = negate;
        AttributeId = id;
        _firstKey = values is { Length: > 0 } ? TextKey(values[0]) : NoKey;
        _secondKey = values is { Length: > 1 } ? TextKey(values[1]) : NoKey;
    }

    /// <summary>The condition, or <see langword="null"/> for <see cref="ConditionStepKind.Always"/>.</summary>
    public CompiledCondition? Condition { get; }

    public ConditionStepKind Kind { get; }

    /// <summary>The values of a <see cref="ConditionStepKind.StringSet"/> step.</summary>
    public string[]? Values { get; }

    /// <summary>The operand of a <see cref="ConditionStepKind.Number"/> step.</summary>
    public double Number => BitConverter.Int64BitsToDouble(_operand);

    /// <summary>The operand's major version of a <see cref="ConditionStepKind.SemVerMajor"/> step.</summary>
    public ulong Major => (ulong)_operand;

    /// <summary>Bit <c>c + 1</c> set: the comparison holds (or, for a version, can still hold) when attribute versus operand compares as <c>c</c>.</summary>
    public byte Truth { get; }

    public bool Negate { get; }

    public int AttributeId { get; }

    /// <summary>The index of the rule this step belongs to.</summary>
    public int Rule { get; init; }

    /// <summary>The index of the first step of the next rule: where evaluation goes when this step does not hold.</summary>
    public int NextRule { get; init; }

    /// <summary>Whether this is the last step of its rule: when it holds, the rule matches.</summary>
    public bool EndsRule { get; init; }

    /// <summary>The step that stands for a rule without conditions.</summary>
    public static ConditionStep Always() => new(null, ConditionStepKind.Always, null, 0, 0, false);

    public static ConditionStep From(CompiledCondition condition) => condition switch
    {
        NumberCondition number when double.IsFinite(number.Operand) =>
            new(condition, ConditionStepKind.Number, null, BitConverter.DoubleToInt64Bits(number.Operand), TruthTable(number.Kind), false),
        StringSetCondition { ScannedValues: { } values } set => new(condition, ConditionStepKind.StringSet, values, 0, 0, set.IsNegated),
        SemVerCondition { OperandCount: 1 } version =>
            new(condition, ConditionStepKind.SemVerMajor, null, (long)version.FirstMajor, (byte)(TruthTable(version.Kind) | 0b010), false),
        _ => new(condition, ConditionStepKind.Call, null, 0, 0, false),
    };

    /// <summary>Whether the condition holds for <paramref name="context"/>: the same answer as <see cref="CompiledCondition.Matches"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(EvaluationContext context)
    {
        var kind = Kind;
        if (kind <= ConditionStepKind.Always)
        {
            return kind == ConditionStepKind.Always || Condition!.Matches(context);
        }

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
                var operand = Number;
                var comparison = (number > operand ? 1 : 0) - (number < operand ? 1 : 0);
                return ((Truth >> (comparison + 1)) & 1) != 0;
            }
        }
        else if (value.Kind == AttributeKind.String)
        {
            if (kind == ConditionStepKind.StringSet)
            {
                return ContainsOrdinal(value.String) != Negate;
            }

            var leading = value.StringLeadingNumber;
            if (leading != AttributeValue.NoLeadingNumber && ((Truth >> (leading.CompareTo(Major) + 1)) & 1) == 0)
            {
                return false;
            }
        }

        return Condition!.Matches(context);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is one of <see cref="Values"/>. The first two are tested against their length and
    /// first char kept in the step (<see cref="TextKey"/>), so that a miss reads nothing but the text; more are scanned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ContainsOrdinal(string text)
    {
        var key = TextKey(text);
        if (key == _firstKey && string.Equals(Values![0], text))
        {
            return true;
        }

        if (key == _secondKey && string.Equals(Values![1], text))
        {
            return true;
        }

        return Values!.Length > 2 && ContainsOrdinalAfterTwo(Values, text);
    }

    private static bool ContainsOrdinalAfterTwo(string[] values, string text)
    {
        for (var i = 2; i < values.Length; i++)
        {
            if (string.Equals(values[i], text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The length and first char of a string (its terminating null when empty) as one number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TextKey(string text) => (uint)text.Length | ((ulong)text.GetPinnableReference() << 32);

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
