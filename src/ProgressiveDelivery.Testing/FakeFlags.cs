using System;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Testing;

/// <summary>
/// Forces flags to variants for a test: <c>new FakeFlags().Set("new-checkout", "on").Set("max-items", "large", FlagValue.FromNumber(50))</c>.
/// Every flag serves its forced variant to every unit (reason <c>static</c>); a flag not set is missing
/// (<c>flag_not_found</c>, the caller's default). Thread-safe.
/// </summary>
/// <remarks>
/// Evaluators created by <see cref="CreateEvaluator()"/> follow later changes: setting or removing a flag after the
/// evaluator exists installs a new snapshot in it, so a test can flip a flag mid-way.
/// </remarks>
public sealed class FakeFlags
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Variant, FlagValue Value)> _flags = new(StringComparer.Ordinal);
    private readonly List<WeakReference<FlagEvaluator>> _evaluators = [];
    private FlagSnapshot _snapshot = FlagSnapshot.Empty;

    /// <summary>The snapshot of the flags as currently forced.</summary>
    public FlagSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Forces a boolean flag (variants <c>on</c> and <c>off</c>) to serve <paramref name="value"/>.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="value">The value served.</param>
    /// <returns>These fakes.</returns>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="DefinitionException"><paramref name="flagKey"/> is not a valid flag key.</exception>
    public FakeFlags Set(string flagKey, bool value) => Set(flagKey, value ? "on" : "off", FlagValue.FromBoolean(value));

    /// <summary>
    /// Forces a flag to serve a variant. <c>on</c> and <c>off</c> make a boolean flag (<c>true</c>/<c>false</c>); any other
    /// name makes a string flag whose value is the variant name.
    /// </summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">The variant served.</param>
    /// <returns>These fakes.</returns>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> or <paramref name="variant"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="DefinitionException">The key or variant name is not valid.</exception>
    public FakeFlags Set(string flagKey, string variant)
    {
        ArgumentException.ThrowIfNullOrEmpty(variant);
        return variant switch
        {
            "on" => Set(flagKey, true),
            "off" => Set(flagKey, false),
            _ => Set(flagKey, variant, FlagValue.FromString(variant)),
        };
    }

    /// <summary>Forces a flag to serve a variant with a given value (string, number, boolean or JSON).</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">The variant served.</param>
    /// <param name="value">The variant's value.</param>
    /// <returns>These fakes.</returns>
    /// <exception cref="ArgumentException"><paramref name="flagKey"/> or <paramref name="variant"/> is <see langword="null"/> or empty, or <paramref name="value"/> is <c>default</c>.</exception>
    /// <exception cref="DefinitionException">The key or variant name is not valid.</exception>
    public FakeFlags Set(string flagKey, string variant, FlagValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        ArgumentException.ThrowIfNullOrEmpty(variant);
        if (value.Kind == FlagValueKind.None)
        {
            throw new ArgumentException("The value must have a kind (boolean, string, number or JSON).", nameof(value));
        }

        lock (_gate)
        {
            var previous = _flags.TryGetValue(flagKey, out var old) ? old : ((string, FlagValue)?)null;
            _flags[flagKey] = (variant, value);
            try
            {
                Publish();
            }
            catch (DefinitionException)
            {
                if (previous is { } restore)
                {
                    _flags[flagKey] = restore;
                }
                else
                {
                    _flags.Remove(flagKey);
                }

                throw;
            }
        }

        return this;
    }

    /// <summary>Removes a forced flag: it becomes missing (<c>flag_not_found</c>).</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <returns>These fakes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public FakeFlags Remove(string flagKey)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        lock (_gate)
        {
            if (_flags.Remove(flagKey))
            {
                Publish();
            }
        }

        return this;
    }

    /// <summary>Creates an evaluator over the forced flags, without hooks; it follows later changes.</summary>
    /// <returns>The evaluator.</returns>
    public FlagEvaluator CreateEvaluator() => CreateEvaluator(new FlagEvaluatorOptions());

    /// <summary>Creates an evaluator over the forced flags with options (e.g. an <see cref="EvaluationRecorder"/> hook); it follows later changes.</summary>
    /// <param name="options">The evaluator options.</param>
    /// <returns>The evaluator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public FlagEvaluator CreateEvaluator(FlagEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            var evaluator = new FlagEvaluator(_snapshot, options);
            _evaluators.Add(new WeakReference<FlagEvaluator>(evaluator));
            return evaluator;
        }
    }

    private void Publish()
    {
        var builder = new FlagSetBuilder();
        foreach (var (key, (variant, value)) in _flags)
        {
            builder.Flag(key, flag =>
            {
                if (value.Kind == FlagValueKind.Boolean && variant is "on" or "off")
                {
                    flag.BooleanVariants();
                }
                else
                {
                    flag.Variant(variant, value);
                }

                flag.DefaultVariant(variant);
            });
        }

        _snapshot = FlagSnapshot.Compile(builder.Build());
        _evaluators.RemoveAll(static reference => !reference.TryGetTarget(out _));
        foreach (var reference in _evaluators)
        {
            if (reference.TryGetTarget(out var evaluator))
            {
                evaluator.Update(_snapshot);
            }
        }
    }
}
