using System;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The per-request flag state. The middleware rents it from a pool and returns it when the request ends, so that a
/// gated request allocates nothing but its <see cref="EvaluationContext"/>.
/// </summary>
internal sealed class ProgressiveDeliveryFeature : IProgressiveDeliveryFeature
{
    private FlagEvaluation[] _assignments = new FlagEvaluation[4];
    private int _count;
    private ProgressiveDeliveryRuntime? _runtime;
    private List<KeyValuePair<string, string>>? _overrides;

    public string? UnitId { get; private set; }

    public EvaluationContext Context { get; private set; } = EvaluationContext.Empty;

    public ReadOnlySpan<FlagEvaluation> Assignments => _assignments.AsSpan(0, _count);

    /// <summary>The authorized overrides (flag, variant), or <see langword="null"/>.</summary>
    internal List<KeyValuePair<string, string>>? Overrides => _overrides;

    internal void Initialize(ProgressiveDeliveryRuntime runtime, string? unitId, EvaluationContext context)
    {
        _runtime = runtime;
        UnitId = unitId;
        Context = context;
    }

    internal void SetOverrides(List<KeyValuePair<string, string>> overrides) => _overrides = overrides;

    /// <summary>Clears the state for the next request.</summary>
    internal void Reset()
    {
        Array.Clear(_assignments, 0, _count);
        _count = 0;
        _runtime = null;
        _overrides = null;
        UnitId = null;
        Context = EvaluationContext.Empty;
    }

    /// <summary>Evaluates a flag once per request and keeps the result among the assignments.</summary>
    internal ref readonly FlagEvaluation Assign(string flagKey)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_assignments[i].FlagKey, flagKey, StringComparison.Ordinal))
            {
                return ref _assignments[i];
            }
        }

        if (_count == _assignments.Length)
        {
            Array.Resize(ref _assignments, _count * 2);
        }

        _assignments[_count] = Runtime.EvaluateFresh(this, flagKey, default);
        return ref _assignments[_count++];
    }

    public bool TryGetAssignment(string flagKey, out FlagEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_assignments[i].FlagKey, flagKey, StringComparison.Ordinal))
            {
                evaluation = _assignments[i];
                return true;
            }
        }

        evaluation = default;
        return false;
    }

    public FlagEvaluation Evaluate(string flagKey, FlagValue defaultValue = default)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        if (TryGetAssignment(flagKey, out var assigned) && (defaultValue.Kind == FlagValueKind.None || assigned.Value.Kind == defaultValue.Kind))
        {
            return assigned;
        }

        return Runtime.EvaluateFresh(this, flagKey, defaultValue);
    }

    public bool IsEnabled(string flagKey, bool defaultValue = false) =>
        Evaluate(flagKey, FlagValue.FromBoolean(defaultValue)).Value.AsBoolean();

    public string? GetVariant(string flagKey) => Evaluate(flagKey).Variant;

    private ProgressiveDeliveryRuntime Runtime =>
        _runtime ?? throw new InvalidOperationException("The progressive-delivery feature is used after its request ended; copy what you need during the request.");
}
