using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// An immutable, validated, compiled set of flags, ready for allocation-free evaluation: frozen lookups, pre-parsed
/// operands (numbers, dates, semantic versions, linear-time regexes, frozen string sets), splits as bucket boundaries.
/// Thread-safe. Created with <see cref="Compile"/> or <see cref="TryCompile(FlagSet, out FlagSnapshot?, out IReadOnlyList{DefinitionError})"/>; evaluated through <see cref="FlagEvaluator"/>.
/// </summary>
public sealed partial class FlagSnapshot
{
    private readonly FrozenDictionary<string, CompiledFlag> _flags;

    private readonly IReadOnlyList<string> _keys;

    private FlagSnapshot(FrozenDictionary<string, CompiledFlag> flags)
    {
        _flags = flags;
        _keys = flags.Keys;
    }

    /// <summary>A snapshot without flags: every evaluation returns the caller's default with <c>flag_not_found</c>.</summary>
    public static FlagSnapshot Empty { get; } = new(FrozenDictionary<string, CompiledFlag>.Empty);

    /// <summary>The number of flags.</summary>
    public int Count => _flags.Count;

    /// <summary>The flag keys.</summary>
    public IReadOnlyList<string> FlagKeys => _keys;

    /// <summary>Validates and compiles definitions.</summary>
    /// <param name="flagSet">The definitions. They are read once; later changes to them do not affect the snapshot.</param>
    /// <returns>The compiled snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagSet"/> is <see langword="null"/>.</exception>
    /// <exception cref="DefinitionException">The definitions are invalid; <see cref="DefinitionException.Errors"/> lists every error found.</exception>
    public static FlagSnapshot Compile(FlagSet flagSet)
    {
        return TryCompile(flagSet, out var snapshot, out var errors) ? snapshot : throw new DefinitionException(errors);
    }

    /// <summary>Validates and compiles definitions without throwing for invalid ones.</summary>
    /// <param name="flagSet">The definitions. They are read once; later changes to them do not affect the snapshot.</param>
    /// <param name="snapshot">The compiled snapshot, or <see langword="null"/> when there are errors.</param>
    /// <param name="errors">Every error found (with the flag key and JSON path), or an empty list.</param>
    /// <returns>Whether the definitions are valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagSet"/> is <see langword="null"/>.</exception>
    public static bool TryCompile(FlagSet flagSet, [NotNullWhen(true)] out FlagSnapshot? snapshot, out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(flagSet);
        var flags = FlagSetCompiler.Compile(flagSet, out errors);
        snapshot = flags is null ? null : new FlagSnapshot(flags);
        return snapshot is not null;
    }

    /// <summary>Whether the snapshot has a flag with this key.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public bool ContainsFlag(string flagKey)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        return _flags.ContainsKey(flagKey);
    }

    /// <summary>The value type of a flag, or <see cref="FlagValueKind.None"/> when there is no such flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public FlagValueKind GetValueKind(string flagKey)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        return _flags.TryGetValue(flagKey, out var flag) ? flag.Kind : FlagValueKind.None;
    }

    /// <summary>
    /// Evaluates a flag against this snapshot only (prerequisites included). When <paramref name="expectedKind"/> is not
    /// <see cref="FlagValueKind.None"/>, a flag of another kind is a <c>type_mismatch</c>. Errors return <paramref name="defaultValue"/>.
    /// </summary>
    internal FlagEvaluation Evaluate(string flagKey, EvaluationContext context, FlagValueKind expectedKind, FlagValue defaultValue)
    {
        if (!_flags.TryGetValue(flagKey, out var flag))
        {
            return Failure(flagKey, defaultValue, EvaluationErrorCode.FlagNotFound, -1);
        }

        if (expectedKind != FlagValueKind.None && expectedKind != flag.Kind)
        {
            return Failure(flag.Key, defaultValue, EvaluationErrorCode.TypeMismatch, -1);
        }

        var outcome = FlagEngine.Evaluate(flag, context);
        if (outcome.ErrorCode != EvaluationErrorCode.None)
        {
            return Failure(flag.Key, defaultValue, outcome.ErrorCode, outcome.RuleIndex);
        }

        return new FlagEvaluation(flag.Key, flag.VariantValues[outcome.Variant], flag.VariantNames[outcome.Variant], outcome.Reason, outcome.RuleIndex);
    }

    /// <summary>
    /// The value of a boolean flag, or <paramref name="defaultValue"/> on any error: the same answer as
    /// <see cref="Evaluate"/> with a boolean default, without building a <see cref="FlagEvaluation"/>, and without
    /// running the engine for a flag whose answer does not depend on the context.
    /// </summary>
    internal bool IsEnabled(string flagKey, EvaluationContext context, bool defaultValue)
    {
        if (!_flags.TryGetValue(flagKey, out var flag) || flag.Kind != FlagValueKind.Boolean)
        {
            return defaultValue;
        }

        var variant = flag.StaticVariant;
        if (variant < 0)
        {
            var outcome = FlagEngine.Evaluate(flag, context);
            if (outcome.ErrorCode != EvaluationErrorCode.None)
            {
                return defaultValue;
            }

            variant = outcome.Variant;
        }

        return flag.VariantValues[variant].AsBoolean();
    }

    private static FlagEvaluation Failure(string flagKey, FlagValue defaultValue, EvaluationErrorCode errorCode, int ruleIndex) =>
        new(flagKey, defaultValue, null, EvaluationReason.Error, ruleIndex, errorCode, ErrorMessages.For(errorCode));
}
