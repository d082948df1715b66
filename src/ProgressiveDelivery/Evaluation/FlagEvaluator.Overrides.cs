using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Split overrides: rollouts set their flags' default split here. The evaluator keeps the definitions it was given
/// (<see cref="BaseSnapshot"/>) and an immutable map of overrides, and recompiles the active snapshot when either changes:
/// a reload of the definitions keeps the rollout weights, a weight change keeps the current definitions.
/// </summary>
public sealed partial class FlagEvaluator
{
    private readonly object _overrideGate = new();
    private FlagSnapshot _baseSnapshot;
    private FrozenDictionary<string, SplitOverride> _overrides = FrozenDictionary<string, SplitOverride>.Empty;

    /// <summary>The definitions last installed, without split overrides (<see cref="Snapshot"/> is this with them).</summary>
    public FlagSnapshot BaseSnapshot => _baseSnapshot;

    /// <summary>The split overrides in force, by flag key.</summary>
    public IReadOnlyDictionary<string, SplitOverride> SplitOverrides => _overrides;

    /// <summary>
    /// Installs or replaces the split override of a flag and swaps in the recompiled snapshot atomically. An override
    /// whose flag or variants are missing from the definitions is kept but has no effect until they exist.
    /// </summary>
    /// <param name="splitOverride">The override.</param>
    /// <exception cref="ArgumentNullException"><paramref name="splitOverride"/> is <see langword="null"/>.</exception>
    public void SetSplitOverride(SplitOverride splitOverride)
    {
        ArgumentNullException.ThrowIfNull(splitOverride);
        FlagSnapshot active;
        lock (_overrideGate)
        {
            if (_overrides.TryGetValue(splitOverride.FlagKey, out var current)
                && current.CanaryBasisPoints == splitOverride.CanaryBasisPoints
                && string.Equals(current.CanaryVariant, splitOverride.CanaryVariant, StringComparison.Ordinal)
                && string.Equals(current.StableVariant, splitOverride.StableVariant, StringComparison.Ordinal))
            {
                return;
            }

            var overrides = new Dictionary<string, SplitOverride>(_overrides, StringComparer.Ordinal)
            {
                [splitOverride.FlagKey] = splitOverride,
            };
            active = Install(_baseSnapshot, overrides.ToFrozenDictionary(StringComparer.Ordinal));
        }

        SnapshotChanged?.Invoke(this, active);
    }

    /// <summary>Removes the split override of a flag; the flag serves its own default again.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <returns>Whether there was an override.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public bool RemoveSplitOverride(string flagKey)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        FlagSnapshot active;
        lock (_overrideGate)
        {
            if (!_overrides.ContainsKey(flagKey))
            {
                return false;
            }

            var overrides = new Dictionary<string, SplitOverride>(_overrides, StringComparer.Ordinal);
            overrides.Remove(flagKey);
            active = Install(_baseSnapshot, overrides.ToFrozenDictionary(StringComparer.Ordinal));
        }

        SnapshotChanged?.Invoke(this, active);
        return true;
    }

    // Called under _overrideGate: records the base and the overrides and publishes the combined snapshot.
    private FlagSnapshot Install(FlagSnapshot baseSnapshot, FrozenDictionary<string, SplitOverride> overrides)
    {
        var active = baseSnapshot.WithSplitOverrides(overrides);
        _baseSnapshot = baseSnapshot;
        _overrides = overrides;
        _snapshot = active;
        return active;
    }
}
