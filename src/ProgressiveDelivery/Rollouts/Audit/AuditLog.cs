using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>
/// An append-only log of what happened to rollouts, one hash chain per rollout. Several processes may append to one
/// rollout's chain: each append is placed after the chain's current head atomically.
/// </summary>
/// <remarks>
/// The public methods validate their arguments; implementations override the <c>...CoreAsync</c> methods and must pass
/// the contract tests (<c>AuditLogContractTests</c>). A log does not verify its chains when reading them: call
/// <see cref="AuditChainVerifier.Verify"/> on what <see cref="ReadAsync"/> returns.
/// </remarks>
public abstract class AuditLog
{
    /// <summary>Appends an event to its rollout's chain.</summary>
    /// <param name="auditEvent">What happened.</param>
    /// <param name="cancellationToken">Cancels the append. Whether a canceled append took effect depends on how far it got; read the chain to find out.</param>
    /// <returns>The entry appended: the next sequence number, the log's time, chained to the previous head.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="auditEvent"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="System.IO.InvalidDataException">The stored chain is corrupt, so nothing can be chained to it.</exception>
    /// <exception cref="InvalidOperationException">The implementation broke the contract (returned an entry of another rollout).</exception>
    public async Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var entry = await AppendCoreAsync(auditEvent, cancellationToken).ConfigureAwait(false);
        if (entry is null || !string.Equals(entry.RolloutId, auditEvent.RolloutId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{GetType().Name} broke the audit log contract: an append must return an entry of the event's rollout.");
        }

        return entry;
    }

    /// <summary>Reads entries, in chain order.</summary>
    /// <param name="rolloutId">The rollout whose chain to read, or <see langword="null"/> for every rollout's (ordered by rollout id, ordinal, then sequence).</param>
    /// <param name="fromSequence">The first sequence number to return, in each chain. The default value is 1 (the whole chain).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries; empty if there are none.</returns>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromSequence"/> is less than 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="System.IO.InvalidDataException">A stored entry cannot be read (logs that store entries as text).</exception>
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string? rolloutId, long fromSequence = 1, CancellationToken cancellationToken = default)
    {
        if (rolloutId is not null)
        {
            RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return ReadCoreAsync(rolloutId, fromSequence, cancellationToken);
    }

    /// <summary>Reads the head of a rollout's chain: its last entry's sequence number and hash.</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The head; <see cref="AuditHead.Genesis"/> if the rollout has no entries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="System.IO.InvalidDataException">The last stored entry cannot be read.</exception>
    public Task<AuditHead> GetHeadAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        cancellationToken.ThrowIfCancellationRequested();
        return GetHeadCoreAsync(rolloutId, cancellationToken);
    }

    /// <summary>
    /// Atomically reads the head of the event's chain, makes the next entry with <see cref="AuditEntry.Create"/> and
    /// the log's clock, and stores it; returns that entry.
    /// </summary>
    protected abstract Task<AuditEntry> AppendCoreAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Reads entries with a sequence number of at least <paramref name="fromSequence"/>; see <see cref="ReadAsync"/> for the order.</summary>
    protected abstract Task<IReadOnlyList<AuditEntry>> ReadCoreAsync(string? rolloutId, long fromSequence, CancellationToken cancellationToken);

    /// <summary>Reads the head of a rollout's chain; <see cref="AuditHead.Genesis"/> if it has no entries.</summary>
    protected abstract Task<AuditHead> GetHeadCoreAsync(string rolloutId, CancellationToken cancellationToken);
}
