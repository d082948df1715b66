using System;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Fleet;

/// <summary>
/// One replica's cumulative observations of one step of a rollout attempt: both arms' summaries and the units each arm
/// saw, numbered so that a newer flush replaces an older one and a repeated or late one changes nothing.
/// </summary>
/// <remarks>
/// Observations belong to the step (and weight) in force when they were recorded, never to the one in force when they
/// were flushed. The decider merges the latest row of every replica: counts, sums and histograms add; units merge by
/// union, so a unit served by several replicas counts once.
/// </remarks>
public sealed class ReplicaObservations
{
    /// <summary>Creates a row.</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="attempt">The attempt, from 1.</param>
    /// <param name="step">The step index in force when the observations were recorded.</param>
    /// <param name="weightBasisPoints">The canary weight of that step, in basis points.</param>
    /// <param name="replicaId">The replica that recorded them.</param>
    /// <param name="sequence">The flush number: a row replaces the stored one only when this is greater.</param>
    /// <param name="baseline">The baseline arm's cumulative summary (this replica, this step).</param>
    /// <param name="canary">The canary arm's cumulative summary.</param>
    /// <param name="baselineUnits">The units the baseline arm saw.</param>
    /// <param name="canaryUnits">The units the canary arm saw.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id, or <paramref name="replicaId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is less than 1, <paramref name="step"/> or <paramref name="sequence"/> negative, or <paramref name="weightBasisPoints"/> outside [0, 10000].</exception>
    public ReplicaObservations(string rolloutId, int attempt, int step, int weightBasisPoints, string replicaId, long sequence, ArmSummary baseline, ArmSummary canary, UnitSet baselineUnits, UnitSet canaryUnits)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(weightBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weightBasisPoints, 10_000);
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(baselineUnits);
        ArgumentNullException.ThrowIfNull(canaryUnits);
        (RolloutId, Attempt, Step, WeightBasisPoints, ReplicaId, Sequence) = (rolloutId, attempt, step, weightBasisPoints, replicaId, sequence);
        (Baseline, Canary, BaselineUnits, CanaryUnits) = (baseline, canary, baselineUnits, canaryUnits);
    }

    /// <summary>Gets the rollout.</summary>
    public string RolloutId { get; }

    /// <summary>Gets the attempt.</summary>
    public int Attempt { get; }

    /// <summary>Gets the step index in force when the observations were recorded.</summary>
    public int Step { get; }

    /// <summary>Gets the canary weight of that step, in basis points.</summary>
    public int WeightBasisPoints { get; }

    /// <summary>Gets the replica that recorded the observations.</summary>
    public string ReplicaId { get; }

    /// <summary>Gets the flush number.</summary>
    public long Sequence { get; }

    /// <summary>Gets the baseline arm's cumulative summary.</summary>
    public ArmSummary Baseline { get; }

    /// <summary>Gets the canary arm's cumulative summary.</summary>
    public ArmSummary Canary { get; }

    /// <summary>Gets the units the baseline arm saw.</summary>
    public UnitSet BaselineUnits { get; }

    /// <summary>Gets the units the canary arm saw.</summary>
    public UnitSet CanaryUnits { get; }
}
