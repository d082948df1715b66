using System;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

namespace ProgressiveDelivery.PostgreSql.Tests.Internal;

public sealed class ReplicaTableTests(PostgresServer server) : PostgresTestBase(server)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private ReplicaTable Replicas => new(Database);

    [PostgresFact]
    public async Task ReadAllAsync_RegisteredReplicas_AreLiveWithTheirAppliedVersions()
    {
        await Replicas.RegisterAsync("r2", "host-b", 200);
        await Replicas.RegisterAsync("r1", "host-a", 100);
        await Replicas.SetAppliedVersionAsync("r1", "checkout", 3);
        await Replicas.SetAppliedVersionAsync("r1", "search", 1);
        await Replicas.SetAppliedVersionAsync("r1", "checkout", 4);

        var all = await Replicas.ReadAllAsync(Window);

        Assert.Equal(new[] { "r1", "r2" }, new[] { all[0].ReplicaId, all[1].ReplicaId });
        Assert.Equal(("host-a", 100, true), (all[0].Host, all[0].ProcessId, all[0].IsLive));
        Assert.Equal(4, all[0].AppliedVersions["checkout"].Version);
        Assert.Equal(1, all[0].AppliedVersions["search"].Version);
        Assert.Empty(all[1].AppliedVersions);
    }

    [PostgresFact]
    public async Task ReadAllAsync_NoHeartbeatWithinTheWindow_IsNotLiveUntilItBeatsAgain()
    {
        await Replicas.RegisterAsync("r1", "host-a", 100);
        await ScalarAsync($"UPDATE \"{Schema}\".replicas SET heartbeat_at = now() - interval '31 seconds'");

        Assert.False(Assert.Single(await Replicas.ReadAllAsync(Window)).IsLive);
        Assert.True(Assert.Single(await Replicas.ReadAllAsync(TimeSpan.FromMinutes(1))).IsLive);

        Assert.True(await Replicas.HeartbeatAsync("r1"));
        Assert.True(Assert.Single(await Replicas.ReadAllAsync(Window)).IsLive);
    }

    [PostgresFact]
    public async Task MarkStoppedAsync_Replica_IsNotLiveAndRegisterRevivesIt()
    {
        await Replicas.RegisterAsync("r1", "host-a", 100);

        Assert.True(await Replicas.MarkStoppedAsync("r1"));

        var stopped = Assert.Single(await Replicas.ReadAllAsync(Window));
        Assert.False(stopped.IsLive);
        Assert.NotNull(stopped.StoppedAt);
        await Replicas.RegisterAsync("r1", "host-a", 101);
        var again = Assert.Single(await Replicas.ReadAllAsync(Window));
        Assert.Equal((true, 101, (DateTimeOffset?)null), (again.IsLive, again.ProcessId, again.StoppedAt));
    }

    [PostgresFact]
    public async Task Methods_UnknownReplica_ReportFalseOrFail()
    {
        Assert.False(await Replicas.HeartbeatAsync("ghost"));
        Assert.False(await Replicas.MarkStoppedAsync("ghost"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Replicas.SetAppliedVersionAsync("ghost", "checkout", 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Replicas.RegisterAsync("", "host", 1));
    }
}
