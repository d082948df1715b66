using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.PostgreSql;

/// <summary>
/// An <see cref="AuditLog"/> keeping every rollout's hash chain in PostgreSQL's <c>audit</c> table, one row per entry.
/// Appends to one rollout are serialised across processes by a transaction-scoped advisory lock, and triggers reject
/// <c>UPDATE</c>, <c>DELETE</c> and <c>TRUNCATE</c> on the table.
/// </summary>
/// <remarks>
/// Entries are chained with <see cref="AuditEntry.Create"/> exactly as the file log chains them, so
/// <see cref="AuditChainVerifier"/> verifies a chain read back. Timestamps are kept to the microsecond (PostgreSQL's
/// precision): an entry is stamped with that precision before it is hashed. The caller owns the
/// <see cref="NpgsqlDataSource"/>.
/// </remarks>
public sealed class PostgreSqlAuditLog : AuditLog
{
    private readonly PostgreSqlDatabase _database;

    /// <summary>Creates a log on <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The data source to open connections from; owned by the caller. Do not enable multiplexing.</param>
    /// <param name="options">The schema and clock; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="PostgreSqlStoreOptions.Schema"/> is not a valid schema name.</exception>
    public PostgreSqlAuditLog(NpgsqlDataSource dataSource, PostgreSqlStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _database = new PostgreSqlDatabase(dataSource, PostgreSqlSettings.From(options, nameof(options)));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A text of the event contains U+0000, which PostgreSQL cannot store.</exception>
    protected override async Task<AuditEntry> AppendCoreAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var entry = await AuditRows.AppendAsync(connection, _database.Settings, auditEvent, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return entry;
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<AuditEntry>> ReadCoreAsync(string? rolloutId, long fromSequence, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AuditRows.ReadAsync(connection, _database.Settings, rolloutId, fromSequence, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task<AuditHead> GetHeadCoreAsync(string rolloutId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AuditRows.ReadHeadAsync(connection, _database.Settings, rolloutId, cancellationToken).ConfigureAwait(false);
    }
}
