using System;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.TestSupport;

namespace ProgressiveDelivery.PostgreSql.Tests;

/// <summary>
/// The example of src/ProgressiveDelivery.PostgreSql/README.md runs here against the test server, verbatim bar its using
/// lines and connection string, and the README is checked to still contain exactly this code.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PackageReadmeTests(PostgresServer server)
{
    private const string ReadmeConnectionString = "\"Host=localhost;Database=app;Username=app;Password=secret\"";

    [PostgresFact]
    public void Readme_CodeBlock_IsRunByThisFile()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("src", "ProgressiveDelivery.PostgreSql", "README.md"));
        var self = Normalize(File.ReadAllText(RepositoryRoot.Combine("tests", "ProgressiveDelivery.PostgreSql.Tests", "PackageReadmeTests.cs")));
        // The store example (the fleet registration is exercised by the fleet host the multi-process tests start).
        var block = Assert.Single(Regex.Matches(readme, "```csharp\\n(.*?)```", RegexOptions.Singleline), match => match.Value.Contains("new PostgreSqlRolloutStore", StringComparison.Ordinal));

        var code = Regex.Replace(block.Groups[1].Value, "^using [A-Za-z0-9_.]+;\\n", string.Empty, RegexOptions.Multiline)
            .Replace(ReadmeConnectionString, "connectionString", StringComparison.Ordinal);
        Assert.Contains(Normalize(code), self, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Example_Runs()
    {
        var connectionString = server.ConnectionString;
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var options = new PostgreSqlStoreOptions { Schema = "progressive_delivery" };
            RolloutStore store = new PostgreSqlRolloutStore(dataSource, options);
            AuditLog auditLog = new PostgreSqlAuditLog(dataSource, options);

            var entry = await auditLog.AppendAsync(new AuditEvent("checkout", "alice", AuditActions.Pause, "investigating"));
            using var state = JsonDocument.Parse("""{"paused":true}""");
            var saved = await store.SaveAsync(new RolloutDocument("checkout", state.RootElement, entry.Head), expectedVersion: 0);

            var chain = await auditLog.ReadAsync("checkout");
            Console.WriteLine(AuditChainVerifier.Verify(chain, saved.AuditHead).IsValid); // True
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal("True", output.ToString().Trim());
    }

    private static string Normalize(string code) => Regex.Replace(code, "\\s+", " ").Trim();
}
