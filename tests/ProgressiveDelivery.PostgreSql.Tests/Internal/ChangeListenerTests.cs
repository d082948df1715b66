using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql.Tests.Internal;

public sealed class ChangeListenerTests(PostgresServer server) : PostgresTestBase(server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static RolloutDocument Document()
    {
        using var json = JsonDocument.Parse("{}");
        return new RolloutDocument("checkout", json.RootElement, AuditHead.Genesis);
    }

    private static async Task<ChangeSignal> NextAsync(ChangeListener listener)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await listener.Signals.ReadAsync(timeout.Token);
    }

    [PostgresFact]
    public async Task Signals_AfterStart_ReportListeningThenEachCommittedChange()
    {
        await using var listener = new ChangeListener(Database);
        await listener.StartAsync();
        Assert.True((await NextAsync(listener)).IsReconnected);

        await new RolloutCommitter(Database).CommitAsync(Document(), 0, null, null);
        await new FlagChangeTable(Database).SaveAsync("kill-switch", JsonDocument.Parse("true").RootElement, "alice", 0);
        var leases = new LeaseTable(Database);
        await leases.ResignAsync((await leases.TryAcquireAsync("leader", "a", TimeSpan.FromMinutes(1)))!);

        Assert.Equal(new ChangeNotification("rollout", "checkout", 1), (await NextAsync(listener)).Notification);
        Assert.Equal(new ChangeNotification("flag", "kill-switch", 1), (await NextAsync(listener)).Notification);
        Assert.Equal(new ChangeNotification("lease", "leader", 1), (await NextAsync(listener)).Notification);
        Assert.True(listener.IsListening);
    }

    [PostgresFact]
    public async Task Signals_FailedCommit_SendNothing()
    {
        await using var listener = new ChangeListener(Database);
        await listener.StartAsync();
        await NextAsync(listener);
        var committer = new RolloutCommitter(Database);

        await Assert.ThrowsAsync<RolloutConcurrencyException>(() => committer.CommitAsync(Document(), 5, null, null));
        await committer.CommitAsync(Document(), 0, null, null);

        Assert.Equal(new ChangeNotification("rollout", "checkout", 1), (await NextAsync(listener)).Notification);
    }

    [PostgresFact]
    public async Task Signals_ServerRestarted_ReconnectsAndSignalsThenDeliversAgain()
    {
        await using var listener = new ChangeListener(Database, minBackoff: TimeSpan.FromMilliseconds(100), maxBackoff: TimeSpan.FromMilliseconds(500));
        await listener.StartAsync();
        Assert.True((await NextAsync(listener)).IsReconnected);

        await Server.StopAsync();
        try
        {
            using var down = new CancellationTokenSource(Patience);
            while (listener.IsListening)
            {
                await Task.Delay(50, down.Token);
            }
        }
        finally
        {
            await Server.StartAsync();
        }

        Assert.True((await NextAsync(listener)).IsReconnected);
        Assert.NotNull(listener.LastError);
        await new RolloutCommitter(Database).CommitAsync(Document(), 0, null, null);
        Assert.Equal(new ChangeNotification("rollout", "checkout", 1), (await NextAsync(listener)).Notification);
    }

    [PostgresFact]
    public async Task DisposeAsync_CompletesTheSignals()
    {
        var listener = new ChangeListener(Database);
        await listener.StartAsync();

        await listener.DisposeAsync();

        using var timeout = new CancellationTokenSource(Patience);
        var signals = 0;
        await foreach (var signal in listener.Signals.ReadAllAsync(timeout.Token))
        {
            signals++;
        }

        Assert.Equal(1, signals);
        Assert.False(listener.IsListening);
    }

    [Theory]
    [InlineData("""{"kind":"rollout","key":"a","version":3}""", true)]
    [InlineData("""{"kind":"rollout","key":"a"}""", false)]
    [InlineData("""{"kind":1,"key":"a","version":3}""", false)]
    [InlineData("not json", false)]
    [InlineData("[]", false)]
    public void TryParse_Payloads(string payload, bool parsed) =>
        Assert.Equal(parsed, ChangeNotification.TryParse(payload) is not null);
}
