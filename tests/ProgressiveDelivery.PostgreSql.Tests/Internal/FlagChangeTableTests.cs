using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

namespace ProgressiveDelivery.PostgreSql.Tests.Internal;

public sealed class FlagChangeTableTests(PostgresServer server) : PostgresTestBase(server)
{
    private FlagChangeTable Flags => new(Database);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [PostgresFact]
    public async Task SaveAsync_CreateThenUpdate_CountsVersionsAndReadsBack()
    {
        var first = await Flags.SaveAsync("new-checkout", Json("""{"kill":true}"""), "alice", 0);
        var second = await Flags.SaveAsync("new-checkout", Json("""{"kill":false, "n": 1.50}"""), "bob", first.Version);

        var read = Assert.Single(await Flags.ReadAllAsync());

        Assert.Equal((1L, 2L), (first.Version, second.Version));
        Assert.Equal(("new-checkout", 2L, "bob"), (read.FlagKey, read.Version, read.Actor));
        Assert.Equal("""{"kill":false, "n": 1.50}""", read.Change.GetRawText());
        Assert.Equal(second.UpdatedAt, read.UpdatedAt);
    }

    [PostgresFact]
    public async Task SaveAsync_StaleVersion_ThrowsAndKeepsTheStoredChange()
    {
        await Flags.SaveAsync("new-checkout", Json("1"), "alice", 0);
        await Flags.SaveAsync("new-checkout", Json("2"), "alice", 1);

        var stale = await Assert.ThrowsAsync<FlagChangeConcurrencyException>(() => Flags.SaveAsync("new-checkout", Json("3"), "bob", 1));
        var exists = await Assert.ThrowsAsync<FlagChangeConcurrencyException>(() => Flags.SaveAsync("new-checkout", Json("3"), "bob", 0));

        Assert.Equal((1L, 2L), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.Equal(2, exists.ActualVersion);
        Assert.Equal("2", Assert.Single(await Flags.ReadAllAsync()).Change.GetRawText());
    }

    [PostgresFact]
    public async Task VersionPoll_ReadAsync_ReturnsEveryRolloutAndFlagVersion()
    {
        var store = new PostgreSqlRolloutStore(DataSource, Options);
        var checkout = await store.SaveAsync(new("checkout", Json("{}"), Rollouts.Audit.AuditHead.Genesis), 0);
        await store.SaveAsync(checkout, 1);
        await store.SaveAsync(new("search", Json("{}"), Rollouts.Audit.AuditHead.Genesis), 0);
        await store.DeleteAsync("search", 1);
        await Flags.SaveAsync("a", Json("1"), "alice", 0);
        await Flags.SaveAsync("a", Json("1"), "alice", 1);
        await Flags.SaveAsync("a", Json("1"), "alice", 2);
        await Flags.SaveAsync("b", Json("1"), "alice", 0);

        var snapshot = await new VersionPoll(Database).ReadAsync();

        Assert.Equal(new[] { ("checkout", 2L) }, snapshot.Rollouts.Select(p => (p.Key, p.Value)));
        Assert.Equal(new[] { ("a", 3L), ("b", 1L) }, snapshot.Flags.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.Equal(3, snapshot.MaxFlagVersion);
    }

    [PostgresFact]
    public async Task SaveAsync_InvalidArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Flags.SaveAsync("", Json("1"), "alice", 0));
        await Assert.ThrowsAsync<ArgumentException>(() => Flags.SaveAsync(new string('k', 257), Json("1"), "alice", 0));
        await Assert.ThrowsAsync<ArgumentException>(() => Flags.SaveAsync("k", default, "alice", 0));
        await Assert.ThrowsAsync<ArgumentException>(() => Flags.SaveAsync("k", Json("1"), "", 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Flags.SaveAsync("k", Json("1"), "alice", -1));
    }
}
