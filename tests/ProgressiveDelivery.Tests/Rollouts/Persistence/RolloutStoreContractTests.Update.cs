using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Tests.Rollouts.Persistence;

/// <summary>The contract of <see cref="RolloutStoreExtensions.UpdateAsync"/>, the read-modify-write loop, on every store.</summary>
public abstract partial class RolloutStoreContractTests
{
    [Fact]
    public async Task UpdateAsync_ConcurrentIncrements_LosesNoUpdate()
    {
        const int Writers = 12;
        var store = CreateStore(Time);
        var calls = 0;

        // A writer can lose only to another writer's success, and each writer succeeds once, so Writers attempts always suffice.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => store.UpdateAsync(
            "counter",
            current =>
            {
                Interlocked.Increment(ref calls);
                var count = current is null ? 0 : current.State.GetProperty("count").GetInt32();
                return Document("counter", $$"""{"count":{{count + 1}}}""");
            },
            maxAttempts: Writers))));

        var final = await store.GetAsync("counter");
        Assert.Equal(Writers, final!.State.GetProperty("count").GetInt32());
        Assert.Equal(Writers, final.Version);
        Assert.True(calls >= Writers);
    }

    [Fact]
    public async Task UpdateAsync_LosingEveryAttempt_ThrowsAfterMaxAttempts()
    {
        var store = CreateStore(Time);
        await store.SaveAsync(Document("checkout", "{}"), 0);
        var calls = 0;

        await Assert.ThrowsAsync<RolloutConcurrencyException>(() => store.UpdateAsync(
            "checkout",
            current =>
            {
                calls++;

                // Another writer slips in between this read and the save, every time.
                store.SaveAsync(current!, current!.Version).GetAwaiter().GetResult();
                return current;
            },
            maxAttempts: 3));

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task UpdateAsync_MissingRollout_CreatesIt()
    {
        var store = CreateStore(Time);

        var stored = await store.UpdateAsync("checkout", current => current ?? Document("checkout", """{"new":true}"""));

        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task UpdateAsync_UpdateReturnsAnotherRollout_Throws()
    {
        var store = CreateStore(Time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync("checkout", _ => Document("search", "{}")));
        Assert.Null(await store.GetAsync("search"));
    }
}
