using System;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.TestSupport;

namespace ProgressiveDelivery.PostgreSql.Tests.Internal;

public sealed class PostgreSqlMigratorTests(PostgresServer server) : PostgresTestBase(server)
{
    [PostgresFact]
    public async Task MigrateAsync_Twice_AppliesEveryVersionOnceAndRecordsIt()
    {
        var first = await PostgreSqlMigrator.MigrateAsync(DataSource, Database.Settings, default);
        var second = await PostgreSqlMigrator.MigrateAsync(DataSource, Database.Settings, default);

        Assert.Equal(PostgreSqlMigrationScripts.All.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal((long)PostgreSqlMigrationScripts.All.Length, await ScalarAsync($"SELECT count(*) FROM \"{Schema}\".schema_migrations"));
        Assert.Equal(PostgreSqlMigrationScripts.Latest, await ScalarAsync($"SELECT max(version) FROM \"{Schema}\".schema_migrations"));
    }

    [PostgresFact]
    public async Task MigrateAsync_ManyProcessesAtOnce_AppliesEachVersionExactlyOnce()
    {
        // Separate data sources: separate connections racing, as separate replicas starting together would.
        var sources = Enumerable.Range(0, 6).Select(_ => Npgsql.NpgsqlDataSource.Create(Server.ConnectionString)).ToArray();
        try
        {
            var results = await Task.WhenAll(sources.Select(s => Task.Run(() => PostgreSqlMigrator.MigrateAsync(s, Database.Settings, default))));

            Assert.Equal(PostgreSqlMigrationScripts.All.Select(m => m.Version), results.SelectMany(r => r).Order());
            Assert.Equal((long)PostgreSqlMigrationScripts.All.Length, await ScalarAsync($"SELECT count(*) FROM \"{Schema}\".schema_migrations"));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task MigrateAsync_SchemaAppliedByHand_NeedsNoCreatePrivilege()
    {
        await PostgreSqlMigrator.MigrateAsync(DataSource, Database.Settings, default);
        var reader = $"reader_{Schema}";
        await ScalarAsync($"""
            CREATE ROLE "{reader}" LOGIN;
            GRANT USAGE ON SCHEMA "{Schema}" TO "{reader}";
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{Schema}" TO "{reader}";
            """);
        await using var limited = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(Server.ConnectionString) { Username = reader }.ConnectionString);
        var store = new PostgreSqlRolloutStore(limited, Options);

        using var state = System.Text.Json.JsonDocument.Parse("{}");
        var stored = await store.SaveAsync(new("checkout", state.RootElement, Rollouts.Audit.AuditHead.Genesis), 0);

        Assert.Equal(1, stored.Version);
    }

    [PostgresFact]
    public void Readme_ShowsTheSqlOfEveryMigration()
    {
        var readme = System.IO.File.ReadAllText(RepositoryRoot.Combine("src", "ProgressiveDelivery.PostgreSql", "README.md")).ReplaceLineEndings("\n");
        var settings = PostgreSqlSettings.From(null, "options");

        foreach (var migration in PostgreSqlMigrationScripts.All)
        {
            Assert.Contains(migration.Render(settings).ReplaceLineEndings("\n"), readme, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("Checkout", "it must start with a lower-case letter")]
    [InlineData("9lives", "it must start with a lower-case letter")]
    [InlineData("pd-schema", "'-' is not allowed")]
    [InlineData("pd\"x", "'\"' is not allowed")]
    [InlineData("pg_rollouts", "reserved by PostgreSQL")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567", "more than 55")]
    public void Options_InvalidSchema_ThrowNamingTheSchemaAndTheReason(string schema, string reason)
    {
        using var source = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1");
        var options = new PostgreSqlStoreOptions { Schema = schema };

        var store = Assert.Throws<ArgumentException>(() => new PostgreSqlRolloutStore(source, options));
        var log = Assert.Throws<ArgumentException>(() => new PostgreSqlAuditLog(source, options));

        Assert.Contains($"PostgreSqlStoreOptions.Schema '{schema}'", store.Message, StringComparison.Ordinal);
        Assert.Contains(reason, store.Message, StringComparison.Ordinal);
        Assert.Equal("options", store.ParamName);
        Assert.Equal(store.Message, log.Message);
    }
}
