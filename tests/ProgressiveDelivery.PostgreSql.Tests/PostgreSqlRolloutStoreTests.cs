using System;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Tests.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql.Tests;

/// <summary>The rollout store contract on PostgreSQL, each test on a fresh schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlRolloutStoreTests(PostgresServer server) : RolloutStoreContractTests, IAsyncLifetime
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(server.ConnectionString);
    private readonly string _schema = PostgresServer.NewSchemaName();

    protected override RolloutStore CreateStore(TimeProvider timeProvider) =>
        new PostgreSqlRolloutStore(_dataSource, new PostgreSqlStoreOptions { Schema = _schema, TimeProvider = timeProvider });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();
}
