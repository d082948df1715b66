using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts;

public partial class RolloutManagerTests
{
    [Fact]
    public async Task LoadAsync_TransitionLoggedButNotSaved_IsCompletedFromTheLog()
    {
        var clock = new FakeTimeProvider();
        var store = new FlakyRolloutStore(new InMemoryRolloutStore(clock));
        var log = new InMemoryAuditLog(clock);
        var first = new RolloutHarness(store, log, clock);
        await first.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));
        await first.RunMinuteAsync();

        store.FailNextSave = true; // the process "dies" between the audit append and the state write
        await Assert.ThrowsAsync<IOException>(() => first.Manager.PauseAsync(RolloutHarness.RolloutId, "alice", "hold"));
        Assert.Equal(RolloutStatus.Progressing, first.View.State.Status); // the failed command changed nothing in memory

        var second = new RolloutHarness(store, log, clock);
        await second.LoadAsync(RolloutHarness.CreateDefinition(RolloutPlan.Canary(Bake)));

        Assert.Equal(RolloutStatus.Paused, second.View.State.Status);
        var stored = await store.GetAsync(RolloutHarness.RolloutId);
        var entries = await log.ReadAsync(RolloutHarness.RolloutId);
        Assert.Equal(entries[^1].Head, stored!.AuditHead);
        Assert.Equal(2, entries.Count); // completed, not logged again
        Assert.True(AuditChainVerifier.Verify(entries, stored.AuditHead).IsValid);
    }

    private sealed class FlakyRolloutStore(RolloutStore inner) : RolloutStore
    {
        public bool FailNextSave { get; set; }

        protected override Task<RolloutDocument?> GetCoreAsync(string rolloutId, CancellationToken cancellationToken) =>
            inner.GetAsync(rolloutId, cancellationToken);

        protected override Task<IReadOnlyList<string>> ListCoreAsync(CancellationToken cancellationToken) =>
            inner.ListAsync(cancellationToken);

        protected override Task<RolloutDocument> SaveCoreAsync(RolloutDocument document, long expectedVersion, CancellationToken cancellationToken)
        {
            if (FailNextSave)
            {
                FailNextSave = false;
                throw new IOException("simulated crash before the state write");
            }

            return inner.SaveAsync(document, expectedVersion, cancellationToken);
        }

        protected override Task DeleteCoreAsync(string rolloutId, long expectedVersion, CancellationToken cancellationToken) =>
            inner.DeleteAsync(rolloutId, expectedVersion, cancellationToken);
    }
}
