using System.Collections.Generic;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// What a replica compares with what it applied, every poll: the version of every rollout and of every flag change.
/// A key missing here was deleted.
/// </summary>
/// <param name="Rollouts">Rollout id to its stored version.</param>
/// <param name="Flags">Flag key to the version of its runtime change.</param>
internal sealed record VersionSnapshot(IReadOnlyDictionary<string, long> Rollouts, IReadOnlyDictionary<string, long> Flags)
{
    /// <summary>The highest flag change version (0 when there is none).</summary>
    public long MaxFlagVersion
    {
        get
        {
            var max = 0L;
            foreach (var version in Flags.Values)
            {
                max = version > max ? version : max;
            }

            return max;
        }
    }
}
