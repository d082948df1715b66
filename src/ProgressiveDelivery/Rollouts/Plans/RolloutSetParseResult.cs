using System.Collections.Generic;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>The outcome of <see cref="RolloutSetJson.Parse(string)"/>: the rollouts read and every structural error found.</summary>
public sealed class RolloutSetParseResult
{
    internal RolloutSetParseResult(RolloutSet rollouts, IReadOnlyList<DefinitionError> errors)
    {
        Rollouts = rollouts;
        Errors = errors;
    }

    /// <summary>The rollouts read (what could be read when there are errors; do not run them then).</summary>
    public RolloutSet Rollouts { get; }

    /// <summary>Every structural error found, in document order; empty on success.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>Whether the document was read without error.</summary>
    public bool Succeeded => Errors.Count == 0;
}
