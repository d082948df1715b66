using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// One condition of a flag's rules laid out flat (<see cref="RuleProgram"/>), so that the common operators are tested
/// inline, in the rule loop, without a virtual call: a number comparison, a case-sensitive test against a few strings
/// (by their <see cref="AttributeValue.TextKey"/>), and
/// the leading-number test that decides most semantic-version comparisons. Anything else (another attribute type, the
/// targeting key, an attribute without a name id, a full version comparison) goes to <see cref="Condition"/>, so the
/// answer is always the condition's own.
/// </summary>
internal readonly struct ConditionStep
{
    // The number operand (Number; only the interval below is tested) or the least major that can still hold (SemVerMajor), as bits.
    private readonly long _operand;

    // StringSet: the AttributeValue.TextKey a string attribute equal to Values[0] / Values[1] has; NoKey where there is
    // no such value. Number: the bits of the open interval (lower, upper) the attribute must lie in.
    private readonly ulong _firstKey;
    private readonly ulong _secondKey;

    // For the kinds tested inline: the context id-mask bit of the attribute, and the bits below it (whose count is
    // the attribute's index). Zero for Call and Always, so that those always take the absent-attribute branch.
    private readonly ulong _bit;
    private readonly ulong _bitsBelow;

    // SemVerMajor: see MajorSpan.
    private readonly ulong _majorSpan;

    // Whether Values has more than the two values with keys (StringSet).
    private readonly bool _scanMore;

    // No attribute value has this key: its kind byte is not a kind.
    private const ulong NoKey = ulong.MaxValue;

    private ConditionStep(CompiledCondition? condition, ConditionStepKind kind, string[]? values, long operand, ComparisonKind comparison, bool negate)
    {
        Condition = condition;
        var id = condition?.AttributeId ?? -1;
        var inline = kind <= ConditionStepKind.Always || (id >= 0 && id < AttributeNameTable.Capacity);
        Kind = inline ? kind : ConditionStepKind.Call;
        Values = values;
        _operand = operand;
        Negate = negate;
        _bit = Kind > ConditionStepKind.Always ? 1UL << id : 0;
        _bitsBelow = _bit == 0 ? 0 : _bit - 1;
        _firstKey = values is { Length: > 0 } ? AttributeValue.TextKeyOf(values[0]) : NoKey;
        _secondKey = values is { Length: > 1 } ? AttributeValue.TextKeyOf(values[1]) : NoKey;
        if (kind == ConditionStepKind.Number)
        {
            var (lower, upper) = OpenInterval(comparison, BitConverter.Int64BitsToDouble(operand));
            _firstKey = (ulong)BitConverter.DoubleToInt64Bits(lower);
            _secondKey = (ulong)BitConverter.DoubleToInt64Bits(upper);
        }
        _scanMore = values is { Length: > 2 };
    }

    /// <summary>The condition, or <see langword="null"/> for <see cref="ConditionStepKind.Always"/>.</summary>
    public CompiledCondition? Condition { get; }

    public ConditionStepKind Kind { get; }

    /// <summary>The values of a <see cref="ConditionStepKind.StringSet"/> step.</summary>
    public string[]? Values { get; }

    /// <summary>A <see cref="ConditionStepKind.Number"/> step holds for attributes strictly above this...</summary>
    public double Lower => BitConverter.Int64BitsToDouble((long)_firstKey);

    /// <summary>...and strictly below this.</summary>
    public double Upper => BitConverter.Int64BitsToDouble((long)_secondKey);

    /// <summary>
    /// The least major version that can still satisfy a <see cref="ConditionStepKind.SemVerMajor"/> step (the
    /// operand's, or 0 for <c>&lt;</c> and <c>&lt;=</c>).
    /// </summary>
    public ulong Major => (ulong)_operand;


    public bool Negate { get; }

    /// <summary>The index of the rule this step belongs to.</summary>
    public int Rule { get; init; }

    /// <summary>The number of majors after <see cref="Major"/> that can still satisfy a <see cref="ConditionStepKind.SemVerMajor"/> step.</summary>
    private ulong MajorSpan
    {
        get => _majorSpan;
        init => _majorSpan = value;
    }

    /// <summary>How many steps on the next rule's first step is (1 for the last step of a rule): where evaluation goes when this step does not hold.</summary>
    public int Skip { get; init; }

    /// <summary>Whether this is the last step of its rule: when it holds, the rule matches.</summary>
    public bool EndsRule { get; init; }

    /// <summary>The step that stands for a rule without conditions.</summary>
    public static ConditionStep Always() => new(null, ConditionStepKind.Always, null, 0, default, false);

    public static ConditionStep From(CompiledCondition condition) => condition switch
    {
        NumberCondition number when double.IsFinite(number.Operand) && number.Kind != ComparisonKind.NotEqual =>
            new(condition, ConditionStepKind.Number, null, BitConverter.DoubleToInt64Bits(number.Operand), number.Kind, false),
        StringSetCondition { ScannedValues: { } values } set => new(condition, ConditionStepKind.StringSet, values, 0, default, set.IsNegated),
        SemVerCondition { OperandCount: 1 } version => SemVerMajor(version),
        _ => new(condition, ConditionStepKind.Call, null, 0, default, false),
    };

    /// <summary>
    /// A version step: the majors that can still satisfy <c>version kind operand</c> are a range (equal: the
    /// operand's; below: up to it; above: from it), everything else is decided by the leading number alone.
    /// </summary>
    private static ConditionStep SemVerMajor(SemVerCondition version)
    {
        var major = version.FirstMajor;
        var (least, most) = version.Kind switch
        {
            ComparisonKind.Equal => (major, major),
            ComparisonKind.Less or ComparisonKind.LessOrEqual => (0UL, major),
            _ => (major, AttributeValue.NoLeadingNumber - 1),
        };
        return new ConditionStep(version, ConditionStepKind.SemVerMajor, null, (long)least, default, false) { MajorSpan = most - least };
    }

    /// <summary>Whether the condition holds for <paramref name="context"/>: the same answer as <see cref="CompiledCondition.Matches"/>.</summary>
    /// <remarks>
    /// Written for the fewest instructions on the common outcomes (the whole evaluation is bound by instruction count,
    /// not by latency): the attribute's presence is one test against a precomputed bit (which also sends
    /// <see cref="ConditionStepKind.Call"/> and <see cref="ConditionStepKind.Always"/>, whose bit is zero, to the slow
    /// path), and anything rarer goes to <see cref="HoldsSlowly"/>, which is not inlined, so that no value of this
    /// method is live across a call (such values were kept on the stack, a store per step).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(EvaluationContext context)
    {
        var idMask = context.IdMask;
        if ((idMask & _bit) == 0)
        {
            // Fast kinds: the attribute is absent, so the condition does not hold. Call and Always: always here.
            return Kind <= ConditionStepKind.Always && HoldsSlowly(context);
        }

        ref readonly var value = ref Unsafe.Add(ref context.FirstValue, (nuint)ulong.PopCount(idMask & _bitsBelow));
        var header = value.TextKey;
        var kind = Kind;
        if (kind == ConditionStepKind.StringSet)
        {
            // The key holds the kind too: a value of another kind matches neither key.
            if (header == _firstKey || header == _secondKey)
            {
                return AttributeValue.IsWholeText(header) ? !Negate : HoldsSlowly(context);
            }

            return (byte)header == (byte)AttributeKind.String && !_scanMore ? Negate : HoldsSlowly(context);
        }

        if (kind == ConditionStepKind.Number)
        {
            if ((byte)header == (byte)AttributeKind.Number)
            {
                // Every comparison with a finite operand is an open interval for a finite attribute: two compares.
                var number = value.Number;
                return Lower < number && number < Upper;
            }
        }
        else if ((byte)header == (byte)AttributeKind.String)
        {
            // SemVerMajor: a leading number outside [Major, MajorLast] rules the version out (one unsigned compare).
            var leading = value.StringLeadingNumber;
            if (leading - Major > _majorSpan && leading != AttributeValue.NoLeadingNumber)
            {
                return false;
            }
        }

        return HoldsSlowly(context);
    }

    /// <summary>The answer where <see cref="Holds"/> cannot give it inline: the condition's own, except for a string step's scan.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HoldsSlowly(EvaluationContext context)
    {
        if (Kind == ConditionStepKind.Always)
        {
            return true;
        }

        if (Kind == ConditionStepKind.StringSet)
        {
            ref readonly var value = ref context.FindById(BitOperations.TrailingZeroCount(_bit));
            if (!Unsafe.IsNullRef(in value) && value.Kind == AttributeKind.String)
            {
                return ContainsOrdinal(Values!, value.String) != Negate;
            }
        }

        return Condition!.Matches(context);
    }

    private static bool ContainsOrdinal(string[] values, string text)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (string.Equals(values[i], text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The open interval (lower, upper) of the finite numbers <c>x</c> for which <c>x kind operand</c> holds, for a
    /// finite operand: a closed end is the next double outward (no double lies between), an open side is infinite.
    /// </summary>
    internal static (double Lower, double Upper) OpenInterval(ComparisonKind kind, double operand) => kind switch
    {
        ComparisonKind.Equal => (Math.BitDecrement(operand), Math.BitIncrement(operand)),
        ComparisonKind.Less => (double.NegativeInfinity, operand),
        ComparisonKind.LessOrEqual => (double.NegativeInfinity, Math.BitIncrement(operand)),
        ComparisonKind.Greater => (operand, double.PositiveInfinity),
        _ => (Math.BitDecrement(operand), double.PositiveInfinity),
    };
}
