using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// Runtime flag changes, one row per flag, with optimistic concurrency like the rollout store: a save names the
/// version it expects (0 to create) and notifies (kind <c>flag</c>) when it commits.
/// </summary>
internal sealed class FlagChangeTable(PostgreSqlDatabase database)
{
    public const int MaxKeyLength = 256;
    private readonly PostgreSqlSettings _settings = database.Settings;

    /// <summary>Stores <paramref name="change"/> as version <paramref name="expectedVersion"/> + 1 if the stored version is <paramref name="expectedVersion"/>.</summary>
    /// <exception cref="FlagChangeConcurrencyException">The stored version is another; nothing was written.</exception>
    public async Task<FlagChange> SaveAsync(string flagKey, JsonElement change, string actor, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        if (flagKey.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A flag key is at most {MaxKeyLength} characters, not {flagKey.Length}.", nameof(flagKey));
        }

        SqlParameters.ThrowIfUnstorable(flagKey, "flag key", nameof(flagKey));
        ArgumentException.ThrowIfNullOrEmpty(actor);
        SqlParameters.ThrowIfUnstorable(actor, "actor", nameof(actor));
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (change.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("A flag change must be a JSON value, not an undefined element.", nameof(change));
        }

        var table = _settings.Table("flag_changes");
        var sql = expectedVersion == 0
            ? $"""
                INSERT INTO {table} (flag_key, version, change, actor, updated_at) VALUES (@key, 1, @change, @actor, now())
                ON CONFLICT (flag_key) DO NOTHING RETURNING updated_at
                """
            : $"""
                UPDATE {table} SET version = version + 1, change = @change, actor = @actor, updated_at = now()
                WHERE flag_key = @key AND version = @expected RETURNING updated_at
                """;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset updatedAt;
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            command.Parameters.AddWithValue("key", flagKey);
            command.Parameters.Add(SqlParameters.Json("change", change));
            command.Parameters.AddWithValue("actor", actor);
            command.Parameters.AddWithValue("expected", expectedVersion);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not DateTime stamp)
            {
                await using var read = new NpgsqlCommand($"SELECT version FROM {table} WHERE flag_key = @key", connection);
                read.Parameters.AddWithValue("key", flagKey);
                var actual = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
                throw new FlagChangeConcurrencyException(flagKey, expectedVersion, actual);
            }

            updatedAt = new DateTimeOffset(stamp, TimeSpan.Zero);
        }

        await using (var notify = new NpgsqlCommand($"SELECT {ChangeNotification.NotifySql}", connection))
        {
            ChangeNotification.AddParameters(notify, _settings, ChangeNotification.FlagKind, flagKey, expectedVersion + 1);
            await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new FlagChange(flagKey, expectedVersion + 1, change.Clone(), actor, updatedAt);
    }

    /// <summary>Reads every flag change, ordered by key (ordinal).</summary>
    public async Task<IReadOnlyList<FlagChange>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT flag_key, version, change, actor, updated_at FROM {_settings.Table("flag_changes")} ORDER BY flag_key {SqlParameters.Ordinal}",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<FlagChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var change = JsonDocument.Parse(reader.GetString(2));
            changes.Add(new FlagChange(reader.GetString(0), reader.GetInt64(1), change.RootElement.Clone(), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return changes;
    }
}
