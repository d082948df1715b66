using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>The SQL on the <c>audit</c> table, shared by the audit log and the committer.</summary>
internal static class AuditRows
{
    private const string Columns = "sequence, recorded_at, rollout_id, actor, action, reason, before, after, evidence, previous_hash, hash";
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 1000 };

    /// <summary>
    /// Appends <paramref name="auditEvent"/> after its chain's head. Must run in a transaction: it takes the chain's
    /// advisory lock, held until the transaction ends, so appends to one rollout are serialised across processes.
    /// </summary>
    public static async Task<AuditEntry> AppendAsync(NpgsqlConnection connection, PostgreSqlSettings settings, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ThrowIfUnstorable(auditEvent);
        var table = settings.Table("audit");
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", connection))
        {
            lockCommand.Parameters.AddWithValue("key", settings.Schema + "/audit/" + auditEvent.RolloutId);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Read after the lock, in a new snapshot: the head every earlier append committed. The database's stamp is
        // clock_timestamp() (taken now, after the wait), not now() (the transaction's start), so a chain's times never go back.
        AuditHead head;
        DateTimeOffset timestamp;
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT coalesce(@at, clock_timestamp()), last.sequence, last.hash
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (SELECT sequence, hash FROM {table} WHERE rollout_id = @id ORDER BY sequence DESC LIMIT 1) AS last ON true
            """,
            connection))
        {
            command.Parameters.Add(SqlParameters.Stamp("at", settings.Stamp()));
            command.Parameters.AddWithValue("id", auditEvent.RolloutId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            timestamp = reader.GetFieldValue<DateTimeOffset>(0);
            head = reader.IsDBNull(1) ? AuditHead.Genesis : Head(reader.GetInt64(1), reader.GetString(2), settings, auditEvent.RolloutId);
        }

        var entry = AuditEntry.Create(head, timestamp, auditEvent);
        await using (var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {table} ({Columns})
            VALUES (@sequence, @recorded_at, @rollout_id, @actor, @action, @reason, @before, @after, @evidence, @previous_hash, @hash)
            """,
            connection))
        {
            insert.Parameters.AddWithValue("sequence", entry.Sequence);
            insert.Parameters.AddWithValue("recorded_at", entry.Timestamp);
            insert.Parameters.AddWithValue("rollout_id", entry.RolloutId);
            insert.Parameters.AddWithValue("actor", entry.Actor);
            insert.Parameters.AddWithValue("action", entry.Action);
            insert.Parameters.AddWithValue("reason", entry.Reason);
            insert.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Text) { Value = (object?)entry.Before ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = (object?)entry.After ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("evidence", NpgsqlDbType.Json) { Value = (object?)entry.Evidence?.GetRawText() ?? DBNull.Value });
            insert.Parameters.AddWithValue("previous_hash", entry.PreviousHash);
            insert.Parameters.AddWithValue("hash", entry.Hash);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return entry;
    }

    public static async Task<AuditHead> ReadHeadAsync(NpgsqlConnection connection, PostgreSqlSettings settings, string rolloutId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT sequence, hash FROM {settings.Table("audit")} WHERE rollout_id = @id ORDER BY sequence DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("id", rolloutId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? Head(reader.GetInt64(0), reader.GetString(1), settings, rolloutId)
            : AuditHead.Genesis;
    }

    /// <summary>Reads entries from <paramref name="fromSequence"/> on, of one rollout or (null) of all, ordered by rollout id (ordinal) and sequence.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(
        NpgsqlConnection connection, PostgreSqlSettings settings, string? rolloutId, long fromSequence, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {Columns} FROM {settings.Table("audit")}
            WHERE (@id::text IS NULL OR rollout_id = @id) AND sequence >= @from
            ORDER BY rollout_id {SqlParameters.Ordinal}, sequence
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = (object?)rolloutId ?? DBNull.Value });
        command.Parameters.AddWithValue("from", fromSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader, settings));
        }

        return entries;
    }

    private static AuditEntry ReadEntry(NpgsqlDataReader reader, PostgreSqlSettings settings)
    {
        var rolloutId = reader.GetString(2);
        var sequence = reader.GetInt64(0);
        try
        {
            JsonElement? evidence = null;
            if (!reader.IsDBNull(8))
            {
                using var document = JsonDocument.Parse(reader.GetString(8), ReaderOptions);
                evidence = document.RootElement.Clone();
            }

            var auditEvent = new AuditEvent(
                rolloutId,
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                evidence);
            return new AuditEntry(sequence, reader.GetFieldValue<DateTimeOffset>(1), auditEvent, reader.GetString(9), reader.GetString(10));
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"Entry {sequence} of rollout '{rolloutId}' in {settings.Table("audit")} is corrupt: {exception.Message}", exception);
        }
    }

    private static AuditHead Head(long sequence, string hash, PostgreSqlSettings settings, string rolloutId)
    {
        try
        {
            return new AuditHead(sequence, hash);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The last entry of rollout '{rolloutId}' in {settings.Table("audit")} is corrupt: {exception.Message}", exception);
        }
    }

    private static void ThrowIfUnstorable(AuditEvent auditEvent)
    {
        SqlParameters.ThrowIfUnstorable(auditEvent.Actor, "audit event's actor", nameof(auditEvent));
        SqlParameters.ThrowIfUnstorable(auditEvent.Reason, "audit event's reason", nameof(auditEvent));
        SqlParameters.ThrowIfUnstorable(auditEvent.Before, "audit event's before state", nameof(auditEvent));
        SqlParameters.ThrowIfUnstorable(auditEvent.After, "audit event's after state", nameof(auditEvent));
    }
}
