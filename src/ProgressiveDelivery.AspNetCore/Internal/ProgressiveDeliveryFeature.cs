using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The per-request flag state: the unit, its evaluation context and the flags assigned so far. One per request through
/// the middleware, left in the request's features when it ends, so code running after the middleware (an outer
/// middleware, a completion callback) still reads this request's assignments.
/// </summary>
/// <remarks>
/// Not pooled: a pool cost two interlocked operations per request, and clearing the feature from the request before
/// reuse cost a feature-collection update, which also makes ASP.NET Core re-fetch every feature it had cached for the
/// request; together more than allocating this object. The first assignment is stored inline, so a request gated on
/// one flag allocates this object and its <see cref="EvaluationContext"/> and nothing else.
/// </remarks>
internal sealed class ProgressiveDeliveryFeature : IProgressiveDeliveryFeature
{
    private readonly ProgressiveDeliveryRuntime _runtime;
    private FlagEvaluation _first;
    private FlagEvaluation[]? _all; // every assignment, once there are two or more
    private int _count;
    private List<KeyValuePair<string, string>>? _overrides;

    internal ProgressiveDeliveryFeature(ProgressiveDeliveryRuntime runtime, string? unitId, EvaluationContext context)
    {
        _runtime = runtime;
        UnitId = unitId;
        Context = context;
    }

    public string? UnitId { get; }

    public EvaluationContext Context { get; }

    public ReadOnlySpan<FlagEvaluation> Assignments =>
        _all is null ? MemoryMarshal.CreateReadOnlySpan(ref _first, _count) : _all.AsSpan(0, _count);

    /// <summary>The authorized overrides (flag, variant), or <see langword="null"/>.</summary>
    internal List<KeyValuePair<string, string>>? Overrides => _overrides;

    internal void SetOverrides(List<KeyValuePair<string, string>> overrides) => _overrides = overrides;

    /// <summary>Evaluates a flag once per request and keeps the result among the assignments.</summary>
    internal ref readonly FlagEvaluation Assign(string flagKey)
    {
        var index = IndexOf(flagKey);
        if (index >= 0)
        {
            return ref Assignments[index];
        }

        var evaluation = _runtime.EvaluateFresh(this, flagKey, default);
        if (_count == 0)
        {
            _first = evaluation;
            _count = 1;
            return ref _first;
        }

        if (_all is null)
        {
            _all = new FlagEvaluation[4];
            _all[0] = _first;
        }
        else if (_count == _all.Length)
        {
            Array.Resize(ref _all, _count * 2);
        }

        _all[_count] = evaluation;
        return ref _all[_count++];
    }

    public bool TryGetAssignment(string flagKey, out FlagEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        var index = IndexOf(flagKey);
        evaluation = index >= 0 ? Assignments[index] : default;
        return index >= 0;
    }

    public FlagEvaluation Evaluate(string flagKey, FlagValue defaultValue = default)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        if (TryGetAssignment(flagKey, out var assigned) && (defaultValue.Kind == FlagValueKind.None || assigned.Value.Kind == defaultValue.Kind))
        {
            return assigned;
        }

        return _runtime.EvaluateFresh(this, flagKey, defaultValue);
    }

    public bool IsEnabled(string flagKey, bool defaultValue = false) =>
        Evaluate(flagKey, FlagValue.FromBoolean(defaultValue)).Value.AsBoolean();

    public string? GetVariant(string flagKey) => Evaluate(flagKey).Variant;

    private int IndexOf(string flagKey)
    {
        var assignments = Assignments;
        for (var i = 0; i < assignments.Length; i++)
        {
            if (string.Equals(assignments[i].FlagKey, flagKey, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
