using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// The SQL on <c>rollout_state</c>, shared by the store and the committer. Each method runs on the connection given, in
/// its transaction if one is open.
/// </summary>
internal static class RolloutStateRows
{
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 1000 };

    public static async Task<RolloutDocument?> ReadAsync(NpgsqlConnection connection, PostgreSqlSettings settings, string rolloutId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT version, updated_at, state, audit_sequence, audit_hash FROM {settings.Table("rollout_state")} WHERE rollout_id = @id",
            connection);
        command.Parameters.AddWithValue("id", rolloutId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            using var state = JsonDocument.Parse(reader.GetString(2), ReaderOptions);
            return new RolloutDocument(
                rolloutId,
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                state.RootElement,
                new AuditHead(reader.GetInt64(3), reader.GetString(4)));
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"The row of rollout '{rolloutId}' in {settings.Table("rollout_state")} is corrupt: {exception.Message}", exception);
        }
    }

    /// <summary>The stored version (0 when absent); with <paramref name="lockRow"/> the row stays locked until the transaction ends.</summary>
    public static async Task<long> ReadVersionAsync(NpgsqlConnection connection, PostgreSqlSettings settings, string rolloutId, bool lockRow, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT version FROM {settings.Table("rollout_state")} WHERE rollout_id = @id{(lockRow ? " FOR UPDATE" : string.Empty)}",
            connection);
        command.Parameters.AddWithValue("id", rolloutId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
    }

    /// <summary>
    /// Stores <paramref name="document"/>'s state and audit head as version <paramref name="expectedVersion"/> + 1 if the
    /// stored version is <paramref name="expectedVersion"/> (0: absent); otherwise throws and writes nothing.
    /// </summary>
    /// <exception cref="RolloutConcurrencyException">The stored version is another.</exception>
    public static async Task<RolloutDocument> WriteAsync(
        NpgsqlConnection connection, PostgreSqlSettings settings, RolloutDocument document, long expectedVersion, CancellationToken cancellationToken)
    {
        var table = settings.Table("rollout_state");
        var sql = expectedVersion == 0
            ? $"""
                INSERT INTO {table} (rollout_id, version, state, audit_sequence, audit_hash, updated_at)
                VALUES (@id, 1, @state, @audit_sequence, @audit_hash, coalesce(@at, now()))
                ON CONFLICT (rollout_id) DO NOTHING
                RETURNING updated_at
                """
            : $"""
                UPDATE {table}
                SET version = version + 1, state = @state, audit_sequence = @audit_sequence, audit_hash = @audit_hash, updated_at = coalesce(@at, now())
                WHERE rollout_id = @id AND version = @expected
                RETURNING updated_at
                """;

        // A create that conflicts with a row deleted before its version could be read is tried again: only a version
        // actually found is reported as the winner.
        for (var attempt = 1; ; attempt++)
        {
            await using (var command = new NpgsqlCommand(sql, connection))
            {
                command.Parameters.AddWithValue("id", document.RolloutId);
                command.Parameters.Add(SqlParameters.Json("state", document.State));
                command.Parameters.AddWithValue("audit_sequence", document.AuditHead.Sequence);
                command.Parameters.AddWithValue("audit_hash", document.AuditHead.Hash);
                command.Parameters.Add(SqlParameters.Stamp("at", settings.Stamp()));
                command.Parameters.AddWithValue("expected", expectedVersion);
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime updatedAt)
                {
                    return new RolloutDocument(document.RolloutId, expectedVersion + 1, new DateTimeOffset(updatedAt, TimeSpan.Zero), document.State, document.AuditHead);
                }
            }

            var actual = await ReadVersionAsync(connection, settings, document.RolloutId, lockRow: false, cancellationToken).ConfigureAwait(false);
            if (actual != 0 || expectedVersion != 0 || attempt == 3)
            {
                throw new RolloutConcurrencyException(document.RolloutId, expectedVersion, actual);
            }
        }
    }
}
