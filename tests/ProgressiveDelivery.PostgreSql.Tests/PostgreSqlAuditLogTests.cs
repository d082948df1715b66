using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Tests.Rollouts.Audit;

namespace ProgressiveDelivery.PostgreSql.Tests;

/// <summary>The audit log contract on PostgreSQL, each test on a fresh schema, and what only this log does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlAuditLogTests(PostgresServer server) : AuditLogContractTests, IAsyncLifetime
{
    private readonly ContractSchema _scope = new(server);

    protected override AuditLog CreateLog(TimeProvider timeProvider) =>
        new PostgreSqlAuditLog(_scope.DataSource, _scope.Options(timeProvider));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [PostgresTheory]
    [InlineData("UPDATE {0}.audit SET reason = 'nothing happened'", "UPDATE")]
    [InlineData("DELETE FROM {0}.audit", "DELETE")]
    [InlineData("TRUNCATE {0}.audit", "TRUNCATE")]
    public async Task Table_ChangingEntries_IsRejectedByTheTrigger(string sql, string operation)
    {
        var log = CreateLog(Time);
        await log.AppendAsync(Event());
        await using var command = _scope.DataSource.CreateCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, $"\"{_scope.Schema}\""));

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal($"the audit log {_scope.Schema}.audit is append-only: {operation} is not allowed", error.MessageText);
        var chain = await log.ReadAsync("checkout");
        Assert.Equal("step done", Assert.Single(chain).Reason);
    }

    [PostgresFact]
    public async Task AppendAsync_DatabaseClock_StampsInOrderAndTheChainVerifies()
    {
        var log = new PostgreSqlAuditLog(_scope.DataSource, _scope.Options(null));
        await using var clock = _scope.DataSource.CreateCommand("SELECT clock_timestamp()");
        var before = (DateTime)(await clock.ExecuteScalarAsync())!;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => log.AppendAsync(Event(reason: $"appender {i}"))));

        var chain = await log.ReadAsync("checkout");
        Assert.True(AuditChainVerifier.Verify(chain, await log.GetHeadAsync("checkout")).IsValid);
        Assert.True(chain[0].Timestamp >= new DateTimeOffset(before, TimeSpan.Zero));
        Assert.All(chain.Zip(chain.Skip(1)), pair => Assert.True(pair.First.Timestamp <= pair.Second.Timestamp));
    }

    [PostgresFact]
    public async Task AppendAsync_EvidenceWithEscapedNul_RoundTripsAndVerifies()
    {
        var log = CreateLog(Time);
        using var evidence = JsonDocument.Parse("""{"note":"a\u0000b","p":1.50}""");

        await log.AppendAsync(new AuditEvent("checkout", "controller", AuditActions.Abort, "why", evidence: evidence.RootElement));

        var read = Assert.Single(await log.ReadAsync("checkout"));
        Assert.Equal("a\0b", read.Evidence!.Value.GetProperty("note").GetString());
        Assert.Equal(read.Hash, read.ComputeHash());
    }

    [PostgresFact]
    public async Task AppendAsync_ReasonWithNul_ThrowsSayingPostgreSqlCannotStoreIt()
    {
        var log = CreateLog(Time);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(Event(reason: "a\0b")));

        Assert.Contains("reason contains the character U+0000", error.Message, StringComparison.Ordinal);
        Assert.Empty(await log.ReadAsync("checkout"));
    }
}
