using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Fleet;

/// <summary>
/// The replicas of one application that run its rollouts as one: which replica decides each rollout, how a decision is
/// written (atomically with its audit entry, fenced by the decider's lease), where every replica's observations meet,
/// and whether every live replica applied a version. Give one to <see cref="RolloutManagerOptions.Fleet"/> to run a
/// <see cref="RolloutManager"/> in fleet mode (for example <c>ProgressiveDelivery.PostgreSql</c>'s).
/// </summary>
/// <remarks>
/// <para>In fleet mode every replica records its own requests per step and hands them to the fleet
/// (<see cref="RolloutManager.CollectObservations"/>); only the replica that holds a rollout's lease judges it, on the merge
/// of every replica's latest observations; every replica applies stored versions as they appear
/// (<see cref="RolloutManager.SyncAsync"/>); commands run on any replica against the latest stored version.</para>
/// <para>The public methods validate their arguments; implementations override the <c>...Core</c> members.</para>
/// </remarks>
public abstract class RolloutFleet
{
    /// <summary>Gets this replica's id: unique among the fleet's replicas, fresh at every start.</summary>
    public abstract string ReplicaId { get; }

    /// <summary>Gets when this replica last read the stored versions successfully; <see langword="null"/> before the first time (or if the fleet does not tell).</summary>
    public virtual DateTimeOffset? LastSyncedAt => null;

    /// <summary>Gets the rollouts whose lease this replica holds now.</summary>
    public virtual IReadOnlyCollection<string> LeasesHeld => [];

    /// <summary>The fleet's replicas as last read: liveness and the version of each rollout each applied (empty if the fleet does not tell).</summary>
    /// <returns>The replicas.</returns>
    public virtual IReadOnlyList<FleetReplica> GetReplicas() => [];

    /// <summary>Whether this replica holds the lease of a rollout now, so it decides the rollout's automatic transitions.</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <returns><see langword="true"/> while the lease is held and not about to expire. Cheap: no I/O.</returns>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    public bool IsLeader(string rolloutId)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        return IsLeaderCore(rolloutId);
    }

    /// <summary>Whether every other live replica has applied at least <paramref name="version"/> of a rollout.</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="version">The version that set the weight in force.</param>
    /// <returns><see langword="true"/> when no live replica is behind. Cheap: no I/O (the fleet keeps the replicas' reports).</returns>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    public bool HaveReplicasApplied(string rolloutId, long version)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        return HaveReplicasAppliedCore(rolloutId, version);
    }

    /// <summary>
    /// Writes a rollout's document at <paramref name="expectedVersion"/> and, with it in one atomic step, appends
    /// <paramref name="auditEvent"/> to the rollout's audit chain (the document's audit head becomes the new entry's).
    /// </summary>
    /// <param name="document">The document to write; its version, time and audit head are assigned by the fleet.</param>
    /// <param name="expectedVersion">The version read; 0 to create.</param>
    /// <param name="auditEvent">The event to audit with the write, or <see langword="null"/>.</param>
    /// <param name="asLeader">Whether the write is the lease holder's decision: then it is rejected unless this replica still holds the lease (fencing).</param>
    /// <param name="cancellationToken">Cancels the write before it begins.</param>
    /// <returns>The stored document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="auditEvent"/> belongs to another rollout.</exception>
    /// <exception cref="RolloutConcurrencyException">The stored version is not <paramref name="expectedVersion"/>; nothing was written.</exception>
    /// <exception cref="RolloutLeaseLostException"><paramref name="asLeader"/> and the lease is another replica's or expired; nothing was written.</exception>
    public async Task<RolloutDocument> CommitAsync(RolloutDocument document, long expectedVersion, AuditEvent? auditEvent, bool asLeader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (auditEvent is not null && !string.Equals(auditEvent.RolloutId, document.RolloutId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The audit event is of rollout '{auditEvent.RolloutId}', the document of '{document.RolloutId}'.", nameof(auditEvent));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var stored = await CommitCoreAsync(document, expectedVersion, auditEvent, asLeader, cancellationToken).ConfigureAwait(false);
        if (stored is null || !string.Equals(stored.RolloutId, document.RolloutId, StringComparison.Ordinal) || stored.Version != expectedVersion + 1)
        {
            throw new InvalidOperationException($"{GetType().Name} broke the fleet contract: committing '{document.RolloutId}' at version {expectedVersion} must return version {expectedVersion + 1} of the same rollout.");
        }

        return stored;
    }

    /// <summary>Reads every replica's latest observations of one attempt of a rollout (a row per step and replica).</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="attempt">The attempt, from 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows. A read that fails throws: missing data is never read as zero.</returns>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is less than 1.</exception>
    public Task<IReadOnlyList<ReplicaObservations>> ReadObservationsAsync(string rolloutId, int attempt, CancellationToken cancellationToken = default)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return ReadObservationsCoreAsync(rolloutId, attempt, cancellationToken);
    }

    /// <summary>Whether this replica holds the lease of a valid rollout id.</summary>
    protected abstract bool IsLeaderCore(string rolloutId);

    /// <summary>Whether every other live replica applied at least <paramref name="version"/> of a valid rollout id.</summary>
    protected abstract bool HaveReplicasAppliedCore(string rolloutId, long version);

    /// <summary>Writes the document and the audit entry atomically, fenced when <paramref name="asLeader"/>; see <see cref="CommitAsync"/>.</summary>
    /// <returns>The stored document, version <paramref name="expectedVersion"/> + 1.</returns>
    protected abstract Task<RolloutDocument> CommitCoreAsync(RolloutDocument document, long expectedVersion, AuditEvent? auditEvent, bool asLeader, CancellationToken cancellationToken);

    /// <summary>Reads the observation rows of an attempt; see <see cref="ReadObservationsAsync"/>.</summary>
    protected abstract Task<IReadOnlyList<ReplicaObservations>> ReadObservationsCoreAsync(string rolloutId, int attempt, CancellationToken cancellationToken);
}
