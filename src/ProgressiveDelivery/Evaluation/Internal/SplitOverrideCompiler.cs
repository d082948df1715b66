using System.Collections.Frozen;
using System.Collections.Generic;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Applies split overrides to compiled flags: copies every flag (the compiled flags of a snapshot are shared and never
/// changed), gives each overridden flag a two-arm default split and points prerequisites at the copies, so that a
/// prerequisite on a rolled-out flag sees the rollout's split too.
/// </summary>
/// <remarks>
/// An override whose flag or variants are not in the snapshot is skipped: the flag serves its own definition until a
/// reload brings them back. Cost: one copy per flag; it runs when definitions or weights change, never per evaluation.
/// </remarks>
internal static class SplitOverrideCompiler
{
    public static FrozenDictionary<string, CompiledFlag> Apply(FrozenDictionary<string, CompiledFlag> flags, IReadOnlyDictionary<string, SplitOverride> overrides)
    {
        var copies = new Dictionary<CompiledFlag, CompiledFlag>(flags.Count, ReferenceEqualityComparer.Instance);
        foreach (var flag in flags.Values)
        {
            var copy = new CompiledFlag(flag.Key, flag.Enabled, flag.Kind, flag.VariantNames, flag.VariantValues, flag.OffVariant)
            {
                Salt = flag.Salt,
                BucketBy = flag.BucketBy,
                Rules = flag.Rules,
                Default = flag.Default,
            };
            if (overrides.TryGetValue(flag.Key, out var split))
            {
                var canary = flag.FindVariant(split.CanaryVariant);
                var stable = flag.FindVariant(split.StableVariant);
                if (canary >= 0 && stable >= 0)
                {
                    copy.Default = CompiledServe.Split([split.CanaryBasisPoints, SplitOverride.FullWeight], [canary, stable]);
                }
            }

            copies[flag] = copy;
        }

        var result = new Dictionary<string, CompiledFlag>(flags.Count, System.StringComparer.Ordinal);
        foreach (var (flag, copy) in copies)
        {
            var prerequisites = flag.Prerequisites;
            if (prerequisites.Length > 0)
            {
                var repointed = new CompiledPrerequisite[prerequisites.Length];
                for (var i = 0; i < prerequisites.Length; i++)
                {
                    var prerequisite = prerequisites[i];
                    repointed[i] = new CompiledPrerequisite(copies[prerequisite.Flag], prerequisite.AllowedVariants, prerequisite.DefinitionIndex);
                }

                copy.Prerequisites = repointed;
            }

            result[flag.Key] = copy;
        }

        return result.ToFrozenDictionary(System.StringComparer.Ordinal);
    }
}
