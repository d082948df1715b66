using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// The fleet's replicas: each registers at start, heartbeats, reports the version of each rollout it applied, and marks
/// itself stopped on graceful shutdown. Every time is the database's <c>now()</c>.
/// </summary>
internal sealed class ReplicaTable(PostgreSqlDatabase database)
{
    private readonly PostgreSqlSettings _settings = database.Settings;

    /// <summary>Registers a replica (or re-registers it: host and process replaced, stopped cleared), heartbeating now.</summary>
    public async Task RegisterAsync(string replicaId, string host, int processId, CancellationToken cancellationToken = default)
    {
        ValidateId(replicaId);
        ArgumentException.ThrowIfNullOrEmpty(host);
        SqlParameters.ThrowIfUnstorable(host, "host name", nameof(host));
        await ExecuteAsync(
            $"""
            INSERT INTO {_settings.Table("replicas")} (replica_id, host, process_id, started_at, heartbeat_at)
            VALUES (@id, @host, @pid, now(), now())
            ON CONFLICT (replica_id) DO UPDATE SET host = excluded.host, process_id = excluded.process_id,
                started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, stopped_at = NULL
            """,
            command =>
            {
                command.Parameters.AddWithValue("id", replicaId);
                command.Parameters.AddWithValue("host", host);
                command.Parameters.AddWithValue("pid", processId);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a heartbeat now.</summary>
    /// <returns>False when the replica is not registered (register it again).</returns>
    public async Task<bool> HeartbeatAsync(string replicaId, CancellationToken cancellationToken = default)
    {
        ValidateId(replicaId);
        return await ExecuteAsync(
            $"UPDATE {_settings.Table("replicas")} SET heartbeat_at = now() WHERE replica_id = @id",
            command => command.Parameters.AddWithValue("id", replicaId),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks a replica stopped now (graceful shutdown); it is no longer live.</summary>
    /// <returns>False when the replica is not registered.</returns>
    public async Task<bool> MarkStoppedAsync(string replicaId, CancellationToken cancellationToken = default)
    {
        ValidateId(replicaId);
        return await ExecuteAsync(
            $"UPDATE {_settings.Table("replicas")} SET stopped_at = now() WHERE replica_id = @id",
            command => command.Parameters.AddWithValue("id", replicaId),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Forgets replicas whose last heartbeat is older than <paramref name="retention"/>, with the versions they applied.</summary>
    /// <returns>How many replicas were deleted.</returns>
    public Task<int> DeleteSilentAsync(TimeSpan retention, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"DELETE FROM {_settings.Table("replicas")} WHERE heartbeat_at < now() - @retention",
            command => command.Parameters.AddWithValue("retention", retention),
            cancellationToken);

    /// <summary>Records the version of a rollout the replica now serves, synced now. The replica must be registered.</summary>
    public async Task SetAppliedVersionAsync(string replicaId, string rolloutId, long version, CancellationToken cancellationToken = default)
    {
        ValidateId(replicaId);
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        await ExecuteAsync(
            $"""
            INSERT INTO {_settings.Table("replica_rollouts")} (replica_id, rollout_id, applied_version, synced_at)
            VALUES (@id, @rollout, @version, now())
            ON CONFLICT (replica_id, rollout_id) DO UPDATE SET applied_version = excluded.applied_version, synced_at = excluded.synced_at
            """,
            command =>
            {
                command.Parameters.AddWithValue("id", replicaId);
                command.Parameters.AddWithValue("rollout", rolloutId);
                command.Parameters.AddWithValue("version", version);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every replica, ordered by id (ordinal), with its applied versions and whether it heartbeat within <paramref name="liveWindow"/>.</summary>
    public async Task<IReadOnlyList<ReplicaStatus>> ReadAllAsync(TimeSpan liveWindow, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(liveWindow, TimeSpan.Zero);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT r.replica_id, r.host, r.process_id, r.started_at, r.heartbeat_at, r.stopped_at,
                   r.stopped_at IS NULL AND r.heartbeat_at > now() - @window,
                   v.rollout_id, v.applied_version, v.synced_at
            FROM {_settings.Table("replicas")} AS r
            LEFT JOIN {_settings.Table("replica_rollouts")} AS v ON v.replica_id = r.replica_id
            ORDER BY r.replica_id {SqlParameters.Ordinal}
            """,
            connection);
        command.Parameters.AddWithValue("window", liveWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var replicas = new List<ReplicaStatus>();
        Dictionary<string, AppliedVersion>? versions = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            if (replicas.Count == 0 || !string.Equals(replicas[^1].ReplicaId, id, StringComparison.Ordinal))
            {
                versions = new Dictionary<string, AppliedVersion>(StringComparer.Ordinal);
                replicas.Add(new ReplicaStatus(
                    id,
                    reader.GetString(1),
                    reader.GetInt32(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetBoolean(6),
                    versions));
            }

            if (!reader.IsDBNull(7))
            {
                versions![reader.GetString(7)] = new AppliedVersion(reader.GetInt64(8), reader.GetFieldValue<DateTimeOffset>(9));
            }
        }

        return replicas;
    }

    private static void ValidateId(string replicaId)
    {
        ArgumentException.ThrowIfNullOrEmpty(replicaId);
        if (replicaId.Length > 128)
        {
            throw new ArgumentException($"A replica id is at most 128 characters, not {replicaId.Length}.", nameof(replicaId));
        }

        SqlParameters.ThrowIfUnstorable(replicaId, "replica id", nameof(replicaId));
    }

    private async Task<int> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
