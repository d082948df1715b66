using System;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.Testing;

/// <summary>
/// An <see cref="EvaluationHook"/> that records every evaluation (which flag, which variant, for which unit) for a test to
/// assert on. Thread-safe. Add it to <see cref="FlagEvaluatorOptions.Hooks"/>, or register it as a singleton
/// <see cref="EvaluationHook"/> in DI (the ASP.NET Core integration and <c>AddFakeProgressiveDelivery</c> pick it up).
/// </summary>
public sealed class EvaluationRecorder : EvaluationHook
{
    private readonly object _gate = new();
    private readonly List<RecordedEvaluation> _evaluations = [];

    /// <summary>Every evaluation so far, in order (a copy).</summary>
    public IReadOnlyList<RecordedEvaluation> Evaluations
    {
        get
        {
            lock (_gate)
            {
                return _evaluations.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public override void After(in EvaluationHookContext context, in FlagEvaluation evaluation) => Add(context, evaluation);

    /// <inheritdoc />
    public override void Error(in EvaluationHookContext context, in FlagEvaluation evaluation) => Add(context, evaluation);

    /// <summary>The evaluations of one flag, in order, optionally for one unit.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="unitId">Only this unit's evaluations, or <see langword="null"/> for all.</param>
    /// <returns>The evaluations (a copy).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<RecordedEvaluation> For(string flagKey, string? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        var found = new List<RecordedEvaluation>();
        lock (_gate)
        {
            foreach (var evaluation in _evaluations)
            {
                if (Matches(evaluation, flagKey, null, unitId))
                {
                    found.Add(evaluation);
                }
            }
        }

        return found;
    }

    /// <summary>How many times a flag was evaluated, optionally only those that served a variant.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">Count only evaluations that served this variant, or <see langword="null"/> for all.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public int Count(string flagKey, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        var count = 0;
        lock (_gate)
        {
            foreach (var evaluation in _evaluations)
            {
                if (Matches(evaluation, flagKey, variant, null))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Whether a flag was evaluated at all.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <returns>Whether it was.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public bool WasEvaluated(string flagKey) => Count(flagKey) > 0;

    /// <summary>Whether a flag served a variant, optionally to a given unit.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">The variant.</param>
    /// <param name="unitId">The unit, or <see langword="null"/> for any.</param>
    /// <returns>Whether it did.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="variant"/> is <see langword="null"/>.</exception>
    public bool WasServed(string flagKey, string variant, string? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        ArgumentNullException.ThrowIfNull(variant);
        lock (_gate)
        {
            foreach (var evaluation in _evaluations)
            {
                if (Matches(evaluation, flagKey, variant, unitId))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The variant of the last evaluation of a flag, optionally for a unit.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="unitId">The unit, or <see langword="null"/> for any.</param>
    /// <returns>The variant, or <see langword="null"/> when the flag was not evaluated (or the last evaluation failed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public string? LastVariant(string flagKey, string? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        lock (_gate)
        {
            for (var i = _evaluations.Count - 1; i >= 0; i--)
            {
                if (Matches(_evaluations[i], flagKey, null, unitId))
                {
                    return _evaluations[i].Variant;
                }
            }
        }

        return null;
    }

    /// <summary>Forgets every evaluation recorded so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _evaluations.Clear();
        }
    }

    private static bool Matches(RecordedEvaluation evaluation, string flagKey, string? variant, string? unitId) =>
        string.Equals(evaluation.FlagKey, flagKey, StringComparison.Ordinal)
        && (variant is null || string.Equals(evaluation.Variant, variant, StringComparison.Ordinal))
        && (unitId is null || string.Equals(evaluation.UnitId, unitId, StringComparison.Ordinal));

    private void Add(in EvaluationHookContext context, in FlagEvaluation evaluation)
    {
        var recorded = new RecordedEvaluation(
            evaluation.FlagKey, evaluation.Variant, context.Context.TargetingKey, evaluation.Reason, evaluation.Value, evaluation.ErrorCode);
        lock (_gate)
        {
            _evaluations.Add(recorded);
        }
    }
}
