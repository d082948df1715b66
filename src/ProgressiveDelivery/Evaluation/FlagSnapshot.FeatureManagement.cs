using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>Flags migrated from Microsoft.FeatureManagement configuration.</summary>
public sealed partial class FlagSnapshot
{
    /// <summary>
    /// Returns this snapshot with the flags read from Microsoft.FeatureManagement configuration added, so that both
    /// evaluate (and rollouts may drive either). Features left out when reading (<see cref="FeatureManagementFlags.Errors"/>)
    /// are not errors here.
    /// </summary>
    /// <param name="featureManagement">The flags from <see cref="FeatureManagementFlags.Parse"/>.</param>
    /// <param name="combined">This snapshot's flags and the added ones, or <see langword="null"/> when a key is defined twice.</param>
    /// <param name="errors">A <c>duplicate_key</c> error, at the feature's configuration path, for each added flag whose key is already taken; or an empty list.</param>
    /// <returns>Whether every key is defined once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="featureManagement"/> is <see langword="null"/>.</exception>
    public bool TryAdd(FeatureManagementFlags featureManagement, [NotNullWhen(true)] out FlagSnapshot? combined, out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(featureManagement);
        var flags = new Dictionary<string, CompiledFlag>(_flags, StringComparer.Ordinal);
        var duplicates = new List<DefinitionError>();
        foreach (var flag in featureManagement.Flags)
        {
            if (!flags.TryAdd(flag.Key, flag))
            {
                duplicates.Add(new DefinitionError(featureManagement.Paths[flag.Key], flag.Key, DefinitionErrorCodes.DuplicateKey,
                    $"The flag '{flag.Key}' from Microsoft.FeatureManagement configuration is already defined."));
            }
        }

        errors = duplicates.AsReadOnly();
        combined = duplicates.Count == 0 ? new FlagSnapshot(flags.ToFrozenDictionary(StringComparer.Ordinal)) : null;
        return combined is not null;
    }
}
