using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.Rollouts.Fleet;
using NpgsqlTypes;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// The replicas' cumulative observations, one row per (rollout, attempt, step, replica). An upsert replaces a row only
/// with a higher sequence, so retried and reordered flushes never count twice; the leader sums the rows.
/// </summary>
internal sealed class ObservationTable(PostgreSqlDatabase database)
{
    private readonly PostgreSqlSettings _settings = database.Settings;

    /// <summary>Stores the rows in one transaction (one round trip); each replaces the stored one only if its sequence is greater.</summary>
    /// <returns>How many rows were inserted or replaced (the others were older than what is stored).</returns>
    public async Task<int> UpsertAsync(IReadOnlyList<ReplicaObservations> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Observation row {i} is null.", nameof(rows));
            if (row.ReplicaId.Length > 128 || row.ReplicaId.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"The replica id of observation row {i} ({row.RolloutId}/{row.Attempt}/{row.Step}) must be 1 to 128 characters without U+0000.", nameof(rows));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var table = _settings.Table("observations");
        var sql = $"""
            INSERT INTO {table} AS o (rollout_id, attempt, step, replica_id, sequence, weight_bp, baseline, canary, baseline_units, canary_units, flushed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
            ON CONFLICT (rollout_id, attempt, step, replica_id) DO UPDATE SET
                sequence = excluded.sequence, weight_bp = excluded.weight_bp, baseline = excluded.baseline, canary = excluded.canary,
                baseline_units = excluded.baseline_units, canary_units = excluded.canary_units, flushed_at = excluded.flushed_at
            WHERE excluded.sequence > o.sequence
            """;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = row.RolloutId });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Attempt });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Step });
            command.Parameters.Add(new NpgsqlParameter { Value = row.ReplicaId });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Sequence });
            command.Parameters.Add(new NpgsqlParameter { Value = row.WeightBasisPoints });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = ObservationJson.Serialize(row.Baseline) });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = ObservationJson.Serialize(row.Canary) });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = row.BaselineUnits.ToBytes() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = row.CanaryUnits.ToBytes() });
            batch.BatchCommands.Add(command);
        }

        var applied = await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return applied;
    }

    /// <summary>Reads every row of a rollout attempt, ordered by step, then replica id (ordinal).</summary>
    public async Task<IReadOnlyList<StoredObservation>> ReadAsync(string rolloutId, int attempt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT step, replica_id, sequence, weight_bp, baseline, canary, baseline_units, canary_units, flushed_at
            FROM {_settings.Table("observations")}
            WHERE rollout_id = @id AND attempt = @attempt
            ORDER BY step, replica_id {SqlParameters.Ordinal}
            """,
            connection);
        command.Parameters.AddWithValue("id", rolloutId);
        command.Parameters.AddWithValue("attempt", attempt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<StoredObservation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new ReplicaObservations(
                rolloutId,
                attempt,
                reader.GetInt32(0),
                reader.GetInt32(3),
                reader.GetString(1),
                reader.GetInt64(2),
                ObservationJson.DeserializeArmSummary(reader.GetString(4)),
                ObservationJson.DeserializeArmSummary(reader.GetString(5)),
                UnitSet.FromBytes(reader.GetFieldValue<byte[]>(6)),
                UnitSet.FromBytes(reader.GetFieldValue<byte[]>(7)));
            rows.Add(new StoredObservation(row, reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return rows;
    }

    /// <summary>
    /// Deletes what no decision reads any more, flushed longer than <paramref name="retention"/> ago: rows of attempts
    /// before each rollout's current one (<paramref name="currentAttempts"/>), and rows of rollouts with no stored state.
    /// </summary>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> DeleteUnreadAsync(IReadOnlyDictionary<string, int> currentAttempts, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var table = _settings.Table("observations");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (rolloutId, attempt) in currentAttempts)
        {
            var command = new NpgsqlBatchCommand($"DELETE FROM {table} WHERE rollout_id = $1 AND attempt < $2 AND flushed_at < now() - $3");
            command.Parameters.Add(new NpgsqlParameter { Value = rolloutId });
            command.Parameters.Add(new NpgsqlParameter { Value = attempt });
            command.Parameters.Add(new NpgsqlParameter { Value = retention });
            batch.BatchCommands.Add(command);
        }

        var orphans = new NpgsqlBatchCommand(
            $"DELETE FROM {table} o WHERE o.flushed_at < now() - $1 AND NOT EXISTS (SELECT 1 FROM {_settings.Table("rollout_state")} s WHERE s.rollout_id = o.rollout_id)");
        orphans.Parameters.Add(new NpgsqlParameter { Value = retention });
        batch.BatchCommands.Add(orphans);
        return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
