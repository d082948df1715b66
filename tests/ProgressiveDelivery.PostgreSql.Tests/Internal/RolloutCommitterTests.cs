using System;
using System.Text.Json;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql.Tests.Internal;

public sealed class RolloutCommitterTests(PostgresServer server) : PostgresTestBase(server)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private RolloutCommitter Committer => new(Database);

    private PostgreSqlAuditLog AuditLog => new(DataSource, Options);

    private PostgreSqlRolloutStore Store => new(DataSource, Options);

    private static RolloutDocument Document(string state)
    {
        using var json = JsonDocument.Parse(state);
        return new RolloutDocument("checkout", json.RootElement, AuditHead.Genesis);
    }

    private static AuditEvent Event(string reason) => new("checkout", "leader-a", AuditActions.Transition, reason, "step-1", "step-2");

    [PostgresFact]
    public async Task CommitAsync_FencedWithEvent_AppendsThenStoresTheStateAfterTheNewHead()
    {
        var fence = await new LeaseTable(Database).TryAcquireAsync("leader", "a", Minute);

        var (first, entry1) = await Committer.CommitAsync(Document("""{"step":1}"""), 0, Event("one"), fence);
        var (second, entry2) = await Committer.CommitAsync(Document("""{"step":2}"""), first.Version, Event("two"), fence);

        Assert.Equal((1L, 2L), (first.Version, second.Version));
        Assert.Equal(entry1!.Head, first.AuditHead);
        Assert.Equal(entry2!.Head, second.AuditHead);
        var stored = await Store.GetAsync("checkout");
        Assert.Equal(entry2.Head, stored!.AuditHead);
        Assert.Equal(2, stored.State.GetProperty("step").GetInt32());
        Assert.True(AuditChainVerifier.Verify(await AuditLog.ReadAsync("checkout"), stored.AuditHead).IsValid);
    }

    [PostgresFact]
    public async Task CommitAsync_WithoutEventOrFence_WritesTheStateKeepingItsHead()
    {
        var head = new AuditHead(4, new string('c', 64));

        var (stored, entry) = await Committer.CommitAsync(Document("{}").WithState(Document("{}").State, head), 0, null, null);

        Assert.Null(entry);
        Assert.Equal(head, stored.AuditHead);
        Assert.Empty(await AuditLog.ReadAsync("checkout"));
    }

    [PostgresFact]
    public async Task CommitAsync_DeposedLeader_IsFencedOffAndWritesNothing()
    {
        var leases = new LeaseTable(Database);
        var old = await leases.TryAcquireAsync("leader", "a", Minute);
        var (stored, _) = await Committer.CommitAsync(Document("""{"step":1}"""), 0, Event("by a"), old);
        await ScalarAsync($"UPDATE \"{Schema}\".leases SET expires_at = now() - interval '1 second'");
        var current = await leases.TryAcquireAsync("leader", "b", Minute);

        var error = await Assert.ThrowsAsync<LeaseLostException>(() => Committer.CommitAsync(Document("""{"step":99}"""), stored.Version, Event("late write by a"), old));

        Assert.Same(old, error.Fence);
        Assert.Single(await AuditLog.ReadAsync("checkout"));
        Assert.Equal(1, (await Store.GetAsync("checkout"))!.Version);
        var (next, _) = await Committer.CommitAsync(Document("""{"step":2}"""), stored.Version, Event("by b"), current);
        Assert.Equal(2, next.Version);
    }

    [PostgresFact]
    public async Task CommitAsync_ExpiredLeaseNotYetTaken_IsFencedOff()
    {
        var leases = new LeaseTable(Database);
        var token = await leases.TryAcquireAsync("leader", "a", Minute);
        await ScalarAsync($"UPDATE \"{Schema}\".leases SET expires_at = now() - interval '1 second'");

        await Assert.ThrowsAsync<LeaseLostException>(() => Committer.CommitAsync(Document("{}"), 0, Event("after expiry"), token));

        Assert.Null(await Store.GetAsync("checkout"));
        Assert.Empty(await AuditLog.ReadAsync("checkout"));
    }

    [PostgresFact]
    public async Task CommitAsync_StaleVersion_ThrowsAndAppendsNothing()
    {
        await Committer.CommitAsync(Document("""{"step":1}"""), 0, Event("one"), null);
        await Committer.CommitAsync(Document("""{"step":2}"""), 1, Event("two"), null);

        var error = await Assert.ThrowsAsync<RolloutConcurrencyException>(() => Committer.CommitAsync(Document("""{"step":9}"""), 1, Event("stale"), null));

        Assert.Equal((1L, 2L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(2, (await AuditLog.ReadAsync("checkout")).Count);
        Assert.Equal(2, (await Store.GetAsync("checkout"))!.State.GetProperty("step").GetInt32());
    }

    [PostgresFact]
    public async Task CommitAsync_ConcurrentCreates_OneWinsAndOnlyItsEntryIsKept()
    {
        var results = await Task.WhenAll(Task.Run(() => TryCommit("x")), Task.Run(() => TryCommit("y")), Task.Run(() => TryCommit("z")));

        Assert.Single(results, won => won);
        var chain = await AuditLog.ReadAsync("checkout");
        Assert.Single(chain);
        Assert.True(AuditChainVerifier.Verify(chain, (await Store.GetAsync("checkout"))!.AuditHead).IsValid);

        async Task<bool> TryCommit(string reason)
        {
            try
            {
                await Committer.CommitAsync(Document("{}"), 0, Event(reason), null);
                return true;
            }
            catch (RolloutConcurrencyException)
            {
                return false;
            }
        }
    }

    [PostgresFact]
    public async Task CommitAsync_EventOfAnotherRollout_Throws()
    {
        var other = new AuditEvent("search", "leader-a", AuditActions.Transition, "x");

        await Assert.ThrowsAsync<ArgumentException>(() => Committer.CommitAsync(Document("{}"), 0, other, null));
    }

    [PostgresFact]
    public async Task AFencedCommitPausedMidTransaction_DoesNotKeepTheLeaseFromBeingTakenOver()
    {
        var leases = new LeaseTable(Database);
        var fence = await leases.TryAcquireAsync("leader", "a", TimeSpan.FromSeconds(1));
        await Committer.CommitAsync(Document("{}"), 0, null, fence); // migrated, lease row present

        // The decider's transaction as far as the fence check (share lock on the lease row), then it is paused.
        await using var paused = await DataSource.OpenConnectionAsync();
        await using var transaction = await paused.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand(RolloutCommitter.IdleTimeoutSql, paused))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using (var command = new Npgsql.NpgsqlCommand($"SELECT 1 FROM \"{Schema}\".leases WHERE name = 'leader' FOR SHARE", paused))
        {
            await command.ExecuteNonQueryAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the lease has expired; the paused transaction still holds the row
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var takeover = await leases.TryAcquireAsync("leader", "b", Minute);

        Assert.NotNull(takeover); // the server ended the idle transaction, releasing the row
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(fence!.Epoch + 1, takeover.Epoch);
    }
}
