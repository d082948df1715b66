using System;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Tests.Rollouts.Audit;

namespace ProgressiveDelivery.PostgreSql.Tests;

/// <summary>The audit log contract on PostgreSQL, each test on a fresh schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlAuditLogTests(PostgresServer server) : AuditLogContractTests, IAsyncLifetime
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(server.ConnectionString);
    private readonly string _schema = PostgresServer.NewSchemaName();

    protected override AuditLog CreateLog(TimeProvider timeProvider) =>
        new PostgreSqlAuditLog(_dataSource, new PostgreSqlStoreOptions { Schema = _schema, TimeProvider = timeProvider });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();
}
