using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// Brings a schema up to <see cref="PostgreSqlMigrationScripts.Latest"/>. Idempotent, and safe when several processes
/// start at once: the migrations run in one transaction holding an advisory lock keyed by the schema name, and each
/// applied version is recorded in <c>schema_migrations</c>.
/// </summary>
internal static class PostgreSqlMigrator
{
    /// <summary>Applies the missing migrations.</summary>
    /// <returns>The versions this call applied (empty when the schema was already up to date).</returns>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource dataSource, PostgreSqlSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Fast path, needing no CREATE privilege: a schema that a DBA (or another replica) already brought up to date.
        if (await ReadVersionAsync(connection, settings, cancellationToken).ConfigureAwait(false) >= PostgreSqlMigrationScripts.Latest)
        {
            return [];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtextextended('progressive_delivery.migrations/' || @schema, 0))", connection))
        {
            command.Parameters.AddWithValue("schema", settings.Schema);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {settings.QuotedSchema};
            CREATE TABLE IF NOT EXISTS {settings.Table("schema_migrations")} (
                version int PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand($"SELECT version FROM {settings.Table("schema_migrations")}", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var done = new List<int>();
        foreach (var migration in PostgreSqlMigrationScripts.All)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            await ExecuteAsync(connection, migration.Render(settings), cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {settings.Table("schema_migrations")} (version, description) VALUES (@version, @description)", connection);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("description", migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            done.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <summary>The highest applied version, or 0 when the schema or its <c>schema_migrations</c> table does not exist.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, PostgreSqlSettings settings, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("table", settings.Table("schema_migrations"));
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {settings.Table("schema_migrations")}", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
