using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// The caller's data source with the validated settings; opens connections once the schema is migrated. Every store,
/// log and table of this package goes through one of these.
/// </summary>
internal sealed class PostgreSqlDatabase
{
    private readonly object _gate = new();
    private Task? _migrated;

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, PostgreSqlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(settings);
        DataSource = dataSource;
        Settings = settings;
    }

    public NpgsqlDataSource DataSource { get; }

    public PostgreSqlSettings Settings { get; }

    /// <summary>Migrates the schema once per instance (again after a failure), then opens a pooled connection.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Migrates the schema unless this instance already did. One caller's cancellation does not cancel it for the others.</summary>
    public Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        Task migrated;
        lock (_gate)
        {
            if (_migrated is null || _migrated.IsFaulted || _migrated.IsCanceled)
            {
                _migrated = PostgreSqlMigrator.MigrateAsync(DataSource, Settings, CancellationToken.None);
            }

            migrated = _migrated;
        }

        return migrated.IsCompletedSuccessfully ? Task.CompletedTask : migrated.WaitAsync(cancellationToken);
    }
}
