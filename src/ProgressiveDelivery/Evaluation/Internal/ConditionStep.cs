using System;
using System.Numerics;
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

    // The AttributeValue.TextKey a string attribute equal to Values[0] / Values[1] has (StringSet); NoKey where there is
    // no such value.
    private readonly ulong _firstKey;
    private readonly ulong _secondKey;

    // The attribute's name id (below AttributeNameTable.Capacity) for the kinds tested inline.
    private readonly byte _attributeId;

    // Whether Values has more than the two values with keys (StringSet).
    private readonly bool _scanMore;

    // No attribute value has this key: its kind byte is not a kind.
    private const ulong NoKey = ulong.MaxValue;

    private ConditionStep(CompiledCondition? condition, ConditionStepKind kind, string[]? values, long operand, byte truth, bool negate)
    {
        Condition = condition;
        var id = condition?.AttributeId ?? -1;
        var inline = kind <= ConditionStepKind.Always || (id >= 0 && id < AttributeNameTable.Capacity);
        Kind = inline ? kind : ConditionStepKind.Call;
        Values = values;
        _operand = operand;
        Truth = truth;
        Negate = negate;
        _attributeId = inline && id >= 0 ? (byte)id : (byte)0;
        _firstKey = values is { Length: > 0 } ? AttributeValue.TextKeyOf(values[0]) : NoKey;
        _secondKey = values is { Length: > 1 } ? AttributeValue.TextKeyOf(values[1]) : NoKey;
        _scanMore = values is { Length: > 2 };
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

        // Fast kinds always have an id below the table's capacity: the attribute is the one at the number of lower ids present.
        var idMask = context.IdMask;
        var bit = 1UL << _attributeId;
        if ((idMask & bit) == 0)
        {
            return false;
        }

        ref readonly var value = ref Unsafe.Add(ref context.FirstValue, BitOperations.PopCount(idMask & (bit - 1)));
        var header = value.TextKey;
        if (kind == ConditionStepKind.StringSet)
        {
            // The key holds the kind too: a value of another kind matches neither key.
            if (header == _firstKey && (AttributeValue.IsWholeText(header) || string.Equals(Values![0], value.String)))
            {
                return !Negate;
            }

            if (header == _secondKey && (AttributeValue.IsWholeText(header) || string.Equals(Values![1], value.String)))
            {
                return !Negate;
            }

            if ((byte)header == (byte)AttributeKind.String)
            {
                return (_scanMore && ContainsOrdinalAfterTwo(Values!, value.String)) != Negate;
            }
        }
        else if (kind == ConditionStepKind.Number)
        {
            if ((byte)header == (byte)AttributeKind.Number)
            {
                // Both sides are finite, so this is CompareTo's -1, 0 or 1, without its NaN branches.
                var number = value.Number;
                var operand = Number;
                var comparison = (number > operand ? 1 : 0) - (number < operand ? 1 : 0);
                return ((Truth >> (comparison + 1)) & 1) != 0;
            }
        }
        else if ((byte)header == (byte)AttributeKind.String)
        {
            var leading = value.StringLeadingNumber;
            if (leading != AttributeValue.NoLeadingNumber && ((Truth >> (leading.CompareTo(Major) + 1)) & 1) == 0)
            {
                return false;
            }
        }

        return Condition!.Matches(context);
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
