using System;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A fresh schema and an owned data source for a contract test class, which inherits its contract base and so cannot
/// inherit <see cref="PostgresTestBase"/>.
/// </summary>
internal sealed class ContractSchema(PostgresServer server) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(server.ConnectionString);

    public string Schema { get; } = PostgresServer.NewSchemaName();

    /// <summary>Options on this schema, stamped by <paramref name="timeProvider"/> (null: the database's clock).</summary>
    public PostgreSqlStoreOptions Options(TimeProvider? timeProvider) => new() { Schema = Schema, TimeProvider = timeProvider };

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
