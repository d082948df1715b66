using System.Collections.Generic;
using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Evaluation;

/// <summary>Split overrides (rollout weights) applied on top of compiled definitions.</summary>
public sealed partial class FlagSnapshot
{
    /// <summary>This snapshot with <paramref name="overrides"/> applied (itself when there are none).</summary>
    internal FlagSnapshot WithSplitOverrides(IReadOnlyDictionary<string, SplitOverride> overrides) =>
        overrides.Count == 0 ? this : new FlagSnapshot(SplitOverrideCompiler.Apply(_flags, overrides));

    /// <summary>The variant names of a flag, or <see langword="null"/> when there is no such flag.</summary>
    internal IReadOnlyList<string>? GetVariantNames(string flagKey) =>
        _flags.TryGetValue(flagKey, out var flag) ? flag.VariantNames : null;
}
