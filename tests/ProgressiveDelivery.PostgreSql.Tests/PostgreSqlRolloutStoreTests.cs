using System;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Tests.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql.Tests;

/// <summary>The rollout store contract on PostgreSQL, each test on a fresh schema, and what only this store does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlRolloutStoreTests(PostgresServer server) : RolloutStoreContractTests, IAsyncLifetime
{
    private readonly ContractSchema _scope = new(server);

    protected override RolloutStore CreateStore(TimeProvider timeProvider) =>
        new PostgreSqlRolloutStore(_scope.DataSource, _scope.Options(timeProvider));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [PostgresFact]
    public async Task GetAsync_StateWithWhitespaceAndEscapes_RoundTripsByteForByte()
    {
        var store = CreateStore(Time);
        var state = "{ \"a\" : [1.0, 2e3,\n  \"\\u00e9\\n\"], \"b\":{}\t, \"b\": 2}";

        await store.SaveAsync(Document("checkout", state), 0);

        Assert.Equal(state, (await store.GetAsync("checkout"))!.State.GetRawText());
    }

    [PostgresFact]
    public async Task SaveAsync_NoTimeProvider_StampsWithTheDatabaseClock()
    {
        var store = new PostgreSqlRolloutStore(_scope.DataSource, _scope.Options(null));
        await using var clock = _scope.DataSource.CreateCommand("SELECT now()");
        var before = new DateTimeOffset((DateTime)(await clock.ExecuteScalarAsync())!, TimeSpan.Zero);

        var stored = await store.SaveAsync(Document("checkout", "{}"), 0);

        var after = new DateTimeOffset((DateTime)(await clock.ExecuteScalarAsync())!, TimeSpan.Zero);
        Assert.InRange(stored.UpdatedAt, before, after);
        Assert.Equal(stored.UpdatedAt, (await store.GetAsync("checkout"))!.UpdatedAt);
    }

    [PostgresFact]
    public async Task SaveAsync_ClockWithSubMicrosecondTicks_ReturnsWhatItStores()
    {
        Time.Advance(TimeSpan.FromTicks(1234567));
        var store = CreateStore(Time);

        var stored = await store.SaveAsync(Document("checkout", "{}"), 0);

        Assert.Equal(0, stored.UpdatedAt.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Equal(stored.UpdatedAt, (await store.GetAsync("checkout"))!.UpdatedAt);
        Assert.True(Time.GetUtcNow() - stored.UpdatedAt < TimeSpan.FromMicroseconds(1));
    }

    [PostgresFact]
    public async Task GetAsync_CorruptAuditHash_ThrowsInvalidDataNamingTheRollout()
    {
        var store = CreateStore(Time);
        await store.SaveAsync(Document("checkout", "{}", new AuditHead(1, new string('b', 64))), 0);
        await using var corrupt = _scope.DataSource.CreateCommand($"UPDATE \"{_scope.Schema}\".rollout_state SET audit_hash = 'nope'");
        await corrupt.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<System.IO.InvalidDataException>(() => store.GetAsync("checkout"));

        Assert.Contains("rollout 'checkout'", error.Message, StringComparison.Ordinal);
    }
}
