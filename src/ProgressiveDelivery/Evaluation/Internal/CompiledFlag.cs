using System;
using ProgressiveDelivery.Bucketing;
using ProgressiveDelivery.Bucketing.Internal;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// A flag ready to evaluate: variant names and values by index, rules and serves referring to variant indexes, and
/// prerequisites referring to other compiled flags of the same snapshot. Built in two passes by
/// <see cref="FlagSetCompiler"/> (variants first so that prerequisites can resolve each other's variants), then never changed.
/// </summary>
/// <remarks>
/// Whether the flag's answer depends on the context at all (<see cref="StaticVariant"/>) is derived whenever the
/// properties it depends on are set, so that any way of building a flag (the compiler, a copy with another default)
/// keeps it right.
/// </remarks>
internal sealed class CompiledFlag
{
    private CompiledPrerequisite[] _prerequisites = [];
    private CompiledRule[] _rules = [];
    private RuleProgram _ruleProgram = RuleProgram.Empty;
    private string? _bucketBy;
    private int _bucketById = -1;
    private CompiledServe _default;
    private string _salt = string.Empty;
    private Murmur3AsciiPrefix _saltPrefix;
    private bool _hasSaltPrefix;

    public CompiledFlag(string key, bool enabled, FlagValueKind kind, string[] variantNames, FlagValue[] variantValues, int offVariant)
    {
        Key = key;
        Enabled = enabled;
        Kind = kind;
        VariantNames = variantNames;
        VariantValues = variantValues;
        OffVariant = offVariant;
        Salt = key;
        _default = CompiledServe.Fixed(offVariant);
        UpdateStaticOutcome();
    }

    public string Key { get; }

    public bool Enabled { get; }

    public FlagValueKind Kind { get; }

    public string[] VariantNames { get; }

    public FlagValue[] VariantValues { get; }

    public int OffVariant { get; }

    /// <summary>The reason a context gets when no rule matches: static without rules, else default.</summary>
    public EvaluationReason DefaultReason { get; private set; } = EvaluationReason.Static;

    /// <summary>The bucketing salt; setting it also hashes an ASCII salt ahead of time for <see cref="GetBucket"/>.</summary>
    public string Salt
    {
        get => _salt;
        set
        {
            _salt = value;
            _hasSaltPrefix = Bucketer.TryCreateSaltPrefix(value, out _saltPrefix);
        }
    }

    /// <summary>The attribute bucketed by splits, or <see langword="null"/> for the targeting key.</summary>
    public string? BucketBy
    {
        get => _bucketBy;
        set
        {
            _bucketBy = value;
            _bucketById = value is null ? -1 : AttributeNameTable.GetOrAdd(value);
        }
    }

    public CompiledPrerequisite[] Prerequisites
    {
        get => _prerequisites;
        set
        {
            _prerequisites = value;
            UpdateStaticOutcome();
        }
    }

    public CompiledRule[] Rules
    {
        get => _rules;
        set
        {
            _rules = value;
            // Rules of invalid definitions may be missing (null); such flags never reach a snapshot, so never evaluate.
            _ruleProgram = Array.IndexOf(value, null) >= 0 ? RuleProgram.Empty : RuleProgram.Create(value);
            DefaultReason = value.Length == 0 ? EvaluationReason.Static : EvaluationReason.Default;
            UpdateStaticOutcome();
        }
    }

    public CompiledServe Default
    {
        get => _default;
        set
        {
            _default = value;
            UpdateStaticOutcome();
        }
    }

    /// <summary>
    /// The variant every context gets, or -1 when the answer depends on the context: the off variant when disabled
    /// (reason <see cref="StaticReason"/> = disabled), the fixed default when there are no prerequisites and no rules (static).
    /// </summary>
    public int StaticVariant { get; private set; }

    /// <summary>The reason that goes with <see cref="StaticVariant"/>.</summary>
    public EvaluationReason StaticReason { get; private set; }

    /// <summary>The bucket of <paramref name="unitId"/> under <see cref="Salt"/>: <see cref="Bucketer.GetBucket(ReadOnlySpan{char}, ReadOnlySpan{char})"/>, without rehashing the salt.</summary>
    public int GetBucket(ReadOnlySpan<char> unitId) => _hasSaltPrefix
        ? Bucketer.GetBucketAfterPrefix(in _saltPrefix, _salt, unitId)
        : Bucketer.GetBucket(_salt, unitId);

    /// <summary>The <see cref="BucketBy"/> attribute of <paramref name="context"/> by reference, or a null reference when absent.</summary>
    public ref readonly AttributeValue FindBucketByAttribute(EvaluationContext context) => ref context.Find(_bucketById, _bucketBy!);

    /// <summary>The index of the first of <see cref="Rules"/> that matches <paramref name="context"/>, or -1.</summary>
    public int FindMatchingRule(EvaluationContext context) => _ruleProgram.FindMatch(context);

    public int FindVariant(string? name)
    {
        for (var i = 0; i < VariantNames.Length; i++)
        {
            if (string.Equals(VariantNames[i], name, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void UpdateStaticOutcome()
    {
        if (!Enabled)
        {
            StaticVariant = OffVariant;
            StaticReason = EvaluationReason.Disabled;
        }
        else if (_prerequisites.Length == 0 && _rules.Length == 0 && !_default.IsSplit)
        {
            StaticVariant = _default.Variant;
            StaticReason = EvaluationReason.Static;
        }
        else
        {
            StaticVariant = -1;
            StaticReason = EvaluationReason.Error;
        }
    }
}
