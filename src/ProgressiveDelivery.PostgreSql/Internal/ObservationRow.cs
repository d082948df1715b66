using System;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// One replica's cumulative observations of one step of one rollout attempt: what it has seen since the step began,
/// never a delta, so the latest row (highest <see cref="Sequence"/>) replaces every earlier one.
/// </summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Attempt">The rollout attempt (a restart after a rollback is a new attempt).</param>
/// <param name="Step">The step in force when the data was recorded (not when it was flushed).</param>
/// <param name="ReplicaId">The process that recorded it (a fresh id per process start).</param>
/// <param name="Sequence">Grows with every flush of this replica; a row with a lower or equal one is a retry or arrived late.</param>
/// <param name="WeightBasisPoints">The canary's share in force, in basis points (0 to 10,000).</param>
/// <param name="Baseline">The baseline arm's cumulative summary.</param>
/// <param name="Canary">The canary arm's cumulative summary.</param>
/// <param name="BaselineUnits">The units the baseline arm has seen.</param>
/// <param name="CanaryUnits">The units the canary arm has seen.</param>
internal sealed record ObservationRow(
    string RolloutId,
    int Attempt,
    int Step,
    string ReplicaId,
    long Sequence,
    int WeightBasisPoints,
    ArmSummary Baseline,
    ArmSummary Canary,
    UnitSet BaselineUnits,
    UnitSet CanaryUnits)
{
    /// <summary>Throws naming the field and the row when a value cannot be stored.</summary>
    public void Validate(int index)
    {
        var where = $"observation row {index} ({RolloutId}/{Attempt}/{Step}/{ReplicaId})";
        if (!RolloutDocument.IsValidRolloutId(RolloutId))
        {
            throw new ArgumentException($"The rollout id of {where} is invalid.", "rows");
        }

        if (string.IsNullOrEmpty(ReplicaId) || ReplicaId.Length > 128 || ReplicaId.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The replica id of {where} must be 1 to 128 characters without U+0000.", "rows");
        }

        if (Attempt < 0 || Step < 0 || Sequence < 0)
        {
            throw new ArgumentException($"The attempt, step and sequence of {where} must not be negative.", "rows");
        }

        if (WeightBasisPoints is < 0 or > 10_000)
        {
            throw new ArgumentException($"The weight of {where} is {WeightBasisPoints} basis points, outside 0 to 10,000.", "rows");
        }

        if (Baseline is null || Canary is null || BaselineUnits is null || CanaryUnits is null)
        {
            throw new ArgumentException($"The summaries and unit sets of {where} must not be null.", "rows");
        }
    }
}
