using System;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

namespace ProgressiveDelivery.PostgreSql.Tests.Internal;

public sealed class LeaseTableTests(PostgresServer server) : PostgresTestBase(server)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private LeaseTable Leases => new(Database);

    /// <summary>Ends a lease's time without waiting: its expiry is moved into the past by the database's clock.</summary>
    private Task ExpireAsync(string name) => ScalarAsync($"UPDATE \"{Schema}\".leases SET expires_at = now() - interval '1 second' WHERE name = '{name}'");

    [PostgresFact]
    public async Task TryAcquireAsync_Free_GivesEpochOneUntilNowPlusDuration()
    {
        var token = await Leases.TryAcquireAsync("leader", "a", Minute);

        Assert.Equal(("leader", "a", 1L), (token!.Name, token.Holder, token.Epoch));
        var now = new DateTimeOffset((DateTime)(await ScalarAsync("SELECT now()"))!, TimeSpan.Zero);
        Assert.InRange(token.ExpiresAt - now, TimeSpan.FromSeconds(50), Minute);
    }

    [PostgresFact]
    public async Task TryAcquireAsync_HeldByAnother_ReturnsNullAndChangesNothing()
    {
        var held = await Leases.TryAcquireAsync("leader", "a", Minute);

        Assert.Null(await Leases.TryAcquireAsync("leader", "b", Minute));

        var record = await Leases.ReadAsync("leader");
        Assert.Equal(held, record!.Token);
        Assert.True(record.IsLive);
    }

    [PostgresFact]
    public async Task TryAcquireAsync_AgainByTheHolderWhileLive_KeepsTheEpoch()
    {
        var first = await Leases.TryAcquireAsync("leader", "a", Minute);

        var again = await Leases.TryAcquireAsync("leader", "a", Minute * 2);

        Assert.Equal(first!.Epoch, again!.Epoch);
        Assert.True(again.ExpiresAt > first.ExpiresAt);
    }

    [PostgresFact]
    public async Task TryAcquireAsync_Expired_AnotherHolderTakesItWithTheNextEpoch()
    {
        var old = await Leases.TryAcquireAsync("leader", "a", Minute);
        await ExpireAsync("leader");

        var taken = await Leases.TryAcquireAsync("leader", "b", Minute);

        Assert.Equal(("b", old!.Epoch + 1), (taken!.Holder, taken.Epoch));
        Assert.Null(await Leases.RenewAsync(old, Minute));
    }

    [PostgresFact]
    public async Task TryAcquireAsync_ExpiredThenSameHolder_TakesANewEpoch()
    {
        var old = await Leases.TryAcquireAsync("leader", "a", Minute);
        await ExpireAsync("leader");

        var again = await Leases.TryAcquireAsync("leader", "a", Minute);

        Assert.Equal(old!.Epoch + 1, again!.Epoch);
    }

    [PostgresFact]
    public async Task RenewAsync_Live_ExtendsAndKeepsTheEpoch()
    {
        var token = await Leases.TryAcquireAsync("leader", "a", TimeSpan.FromSeconds(10));

        var renewed = await Leases.RenewAsync(token!, Minute);

        Assert.Equal(token!.Epoch, renewed!.Epoch);
        Assert.True(renewed.ExpiresAt > token.ExpiresAt);
    }

    [PostgresFact]
    public async Task RenewAsync_Expired_ReturnsNull()
    {
        var token = await Leases.TryAcquireAsync("leader", "a", Minute);
        await ExpireAsync("leader");

        Assert.Null(await Leases.RenewAsync(token!, Minute));
    }

    [PostgresFact]
    public async Task ResignAsync_Holder_FreesTheLeaseAtOnce()
    {
        var token = await Leases.TryAcquireAsync("leader", "a", Minute);

        Assert.True(await Leases.ResignAsync(token!));

        Assert.False((await Leases.ReadAsync("leader"))!.IsLive);
        var next = await Leases.TryAcquireAsync("leader", "b", Minute);
        Assert.Equal(token!.Epoch + 1, next!.Epoch);
        Assert.False(await Leases.ResignAsync(token));
        Assert.True((await Leases.ReadAsync("leader"))!.IsLive);
    }

    [PostgresFact]
    public async Task Methods_InvalidArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Leases.TryAcquireAsync("", "a", Minute));
        await Assert.ThrowsAsync<ArgumentException>(() => Leases.TryAcquireAsync("leader", new string('h', 129), Minute));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Leases.TryAcquireAsync("leader", "a", TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Leases.RenewAsync(null!, Minute));
        Assert.Null(await Leases.ReadAsync("never-taken"));
    }
}
