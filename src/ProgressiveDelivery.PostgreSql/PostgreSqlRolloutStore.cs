using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql;

/// <summary>
/// A <see cref="RolloutStore"/> keeping one row per rollout in PostgreSQL's <c>rollout_state</c> table. Several processes
/// may share it: every write is a single conditional statement on the row's <c>version</c>, so exactly one writer wins
/// each version.
/// </summary>
/// <remarks>
/// <para>
/// The state is stored in a <c>json</c> column (not <c>jsonb</c>), which keeps the text as written: a state reads back
/// byte for byte, number literals included. The schema and its tables are created on first use if missing (see the
/// package README for the SQL and the privileges it needs).
/// </para>
/// <para>
/// The caller owns the <see cref="NpgsqlDataSource"/> and disposes it after the store's last use. The store holds no
/// connection between calls and needs no session state, so it works through a transaction-pooling proxy too.
/// </para>
/// </remarks>
public sealed class PostgreSqlRolloutStore : RolloutStore
{
    private readonly PostgreSqlDatabase _database;

    /// <summary>Creates a store on <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The data source to open connections from; owned by the caller. Do not enable multiplexing.</param>
    /// <param name="options">The schema and clock; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="PostgreSqlStoreOptions.Schema"/> is not a valid schema name.</exception>
    public PostgreSqlRolloutStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _database = new PostgreSqlDatabase(dataSource, PostgreSqlSettings.From(options, nameof(options)));
    }

    /// <inheritdoc />
    protected override async Task<RolloutDocument?> GetCoreAsync(string rolloutId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await RolloutStateRows.ReadAsync(connection, _database.Settings, rolloutId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<string>> ListCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT rollout_id FROM {_database.Settings.Table("rollout_state")}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <inheritdoc />
    protected override async Task<RolloutDocument> SaveCoreAsync(RolloutDocument document, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await RolloutStateRows.WriteAsync(connection, _database.Settings, document, expectedVersion, CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task DeleteCoreAsync(string rolloutId, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            $"DELETE FROM {_database.Settings.Table("rollout_state")} WHERE rollout_id = @id AND version = @expected",
            connection))
        {
            command.Parameters.AddWithValue("id", rolloutId);
            command.Parameters.AddWithValue("expected", expectedVersion);
            if (await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1)
            {
                return;
            }
        }

        var actual = await RolloutStateRows.ReadVersionAsync(connection, _database.Settings, rolloutId, lockRow: false, CancellationToken.None).ConfigureAwait(false);
        throw new RolloutConcurrencyException(rolloutId, expectedVersion, actual);
    }
}
