using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Internal;

namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A test on its own schema of the shared server, with a pooled data source that the test owns. The schema is not
/// dropped: the whole server is thrown away at the end.
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class PostgresTestBase : IAsyncLifetime
{
    protected PostgresTestBase(PostgresServer server)
    {
        Server = server;
        Schema = PostgresServer.NewSchemaName();
        DataSource = NpgsqlDataSource.Create(server.ConnectionString);
        Options = new PostgreSqlStoreOptions { Schema = Schema };
        Database = new PostgreSqlDatabase(DataSource, PostgreSqlSettings.From(Options, "options"));
    }

    protected PostgresServer Server { get; }

    protected string Schema { get; }

    protected NpgsqlDataSource DataSource { get; }

    protected PostgreSqlStoreOptions Options { get; }

    /// <summary>The internal handle the fleet code uses, on this test's schema with the database's clock.</summary>
    internal PostgreSqlDatabase Database { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await DataSource.DisposeAsync();

    /// <summary>Runs SQL on this test's data source and returns the first column of the first row.</summary>
    protected async Task<object?> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
