using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// The leader's write: in ONE transaction, check the fence, append the audit entry, write the state with its version
/// check, and notify. Nothing is written when any check fails.
/// </summary>
/// <remarks>
/// Locks are taken in one order (lease row, rollout row, audit chain), the order every other writer of this package
/// also follows, so commits cannot deadlock with each other, the store or the audit log.
/// </remarks>
internal sealed class RolloutCommitter(PostgreSqlDatabase database)
{
    private readonly PostgreSqlSettings _settings = database.Settings;

    /// <summary>Commits a rollout's next state.</summary>
    /// <param name="document">The state to write; its audit head is replaced by the appended entry's when <paramref name="auditEvent"/> is given.</param>
    /// <param name="expectedVersion">The version the caller read; 0 to create.</param>
    /// <param name="auditEvent">The event to append to the rollout's chain, or null.</param>
    /// <param name="fence">The lease the writer must still hold (live, same holder and epoch), or null for an unfenced write.</param>
    /// <param name="cancellationToken">Cancels before the commit; once the commit is sent it completes.</param>
    /// <returns>The stored document (version <paramref name="expectedVersion"/> + 1) and the appended entry, if any.</returns>
    /// <exception cref="LeaseLostException">The fence no longer holds the lease.</exception>
    /// <exception cref="RolloutConcurrencyException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<(RolloutDocument Stored, AuditEntry? Entry)> CommitAsync(
        RolloutDocument document, long expectedVersion, AuditEvent? auditEvent, LeaseToken? fence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (auditEvent is not null && !string.Equals(auditEvent.RolloutId, document.RolloutId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The audit event is about rollout '{auditEvent.RolloutId}', but the document is '{document.RolloutId}'.", nameof(auditEvent));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (fence is not null)
        {
            // A decider paused (SIGSTOP, a long GC, a VM freeze) in the middle of this transaction would keep the lease
            // row share-locked, and no other replica could take the lease over until it resumed. The server ends a
            // transaction idle this long instead (its connection with it), which releases the locks; the paused write
            // then fails, as a fenced one would. Healthy commits send their statements back to back.
            await using (var timeout = new NpgsqlCommand(IdleTimeoutSql, connection))
            {
                await timeout.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await CheckFenceAsync(connection, fence, cancellationToken).ConfigureAwait(false);
        }

        // Fail early, before appending, when another writer got there first; the row stays locked until the end.
        var actual = await RolloutStateRows.ReadVersionAsync(connection, _settings, document.RolloutId, lockRow: true, cancellationToken).ConfigureAwait(false);
        if (actual != expectedVersion)
        {
            throw new RolloutConcurrencyException(document.RolloutId, expectedVersion, actual);
        }

        AuditEntry? entry = null;
        if (auditEvent is not null)
        {
            entry = await AuditRows.AppendAsync(connection, _settings, auditEvent, cancellationToken).ConfigureAwait(false);
            document = document.WithState(document.State, entry.Head);
        }

        var stored = await RolloutStateRows.WriteAsync(connection, _settings, document, expectedVersion, cancellationToken).ConfigureAwait(false);
        await using (var notify = new NpgsqlCommand($"SELECT {ChangeNotification.NotifySql}", connection))
        {
            ChangeNotification.AddParameters(notify, _settings, ChangeNotification.RolloutKind, stored.RolloutId, stored.Version);
            await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return (stored, entry);
    }

    /// <summary>How long a fenced commit's transaction may sit idle before the server ends it: 2 s.</summary>
    internal const string IdleTimeoutSql = "SET LOCAL idle_in_transaction_session_timeout = '2s'";

    /// <summary>
    /// Checks and share-locks the lease row: a new holder's takeover (an UPDATE of that row) then waits for this commit,
    /// so a write that passed the check lands before any later epoch begins. Expiry is judged by clock_timestamp(), the
    /// time of the check, not now() (the transaction's start, which a paused process could have taken long before).
    /// </summary>
    private async Task CheckFenceAsync(NpgsqlConnection connection, LeaseToken fence, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT 1 FROM {_settings.Table("leases")}
            WHERE name = @name AND holder = @holder AND epoch = @epoch AND expires_at > clock_timestamp()
            FOR SHARE
            """,
            connection);
        command.Parameters.AddWithValue("name", fence.Name);
        command.Parameters.AddWithValue("holder", fence.Holder);
        command.Parameters.AddWithValue("epoch", fence.Epoch);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new LeaseLostException(fence);
        }
    }
}
