using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Tests.Rollouts.Persistence;

/// <summary>The behaviour every <see cref="RolloutStore"/> must have; each implementation's tests inherit these.</summary>
public abstract partial class RolloutStoreContractTests
{
    private static readonly AuditHead SomeHead = new(3, new string('a', 64));

    private protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected abstract RolloutStore CreateStore(TimeProvider timeProvider);

    protected static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    protected static RolloutDocument Document(string id, string state, AuditHead? head = null) =>
        new(id, Json(state), head ?? AuditHead.Genesis);

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        var store = CreateStore(Time);
        Assert.Null(await store.GetAsync("checkout"));
    }

    [Fact]
    public async Task SaveAsync_Create_ReturnsVersionOneStampedByTheStoreClock()
    {
        var store = CreateStore(Time);
        Time.Advance(TimeSpan.FromMinutes(5));

        var stored = await store.SaveAsync(Document("checkout", """{"step":0}"""), expectedVersion: 0);

        Assert.Equal("checkout", stored.RolloutId);
        Assert.Equal(1, stored.Version);
        Assert.Equal(Time.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task SaveAsync_ThenGet_RoundTripsStateHeadAndTimestamp()
    {
        var store = CreateStore(Time);
        var state = """{"step":2,"weights":[1.50,98.5],"name":"caf\u00e9 \"x\"","nested":{"ok":true,"none":null}}""";
        await store.SaveAsync(Document("checkout", state, SomeHead), 0);

        var read = await store.GetAsync("checkout");

        Assert.NotNull(read);
        Assert.True(JsonElement.DeepEquals(Json(state), read.State), read.State.GetRawText());
        Assert.Equal("1.50", read.State.GetProperty("weights")[0].GetRawText());
        Assert.Equal(SomeHead, read.AuditHead);
        Assert.Equal(1, read.Version);
        Assert.Equal(Time.GetUtcNow(), read.UpdatedAt);
    }

    [Fact]
    public async Task SaveAsync_AtCurrentVersion_IncrementsVersion()
    {
        var store = CreateStore(Time);
        var first = await store.SaveAsync(Document("checkout", """{"step":0}"""), 0);
        Time.Advance(TimeSpan.FromSeconds(1));

        var second = await store.SaveAsync(first.WithState(Json("""{"step":1}"""), SomeHead), first.Version);
        var third = await store.SaveAsync(second.WithState(Json("""{"step":2}"""), SomeHead), second.Version);

        Assert.Equal(2, second.Version);
        Assert.Equal(3, third.Version);
        Assert.Equal(first.UpdatedAt + TimeSpan.FromSeconds(1), second.UpdatedAt);
        Assert.Equal(2, (await store.GetAsync("checkout"))!.State.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task SaveAsync_IgnoresVersionAndTimestampOfTheDocumentPassed()
    {
        var store = CreateStore(Time);
        var odd = new RolloutDocument("checkout", 42, DateTimeOffset.UnixEpoch, Json("{}"), AuditHead.Genesis);

        var stored = await store.SaveAsync(odd, 0);

        Assert.Equal(1, stored.Version);
        Assert.Equal(Time.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_ThrowsAndChangesNothing()
    {
        var store = CreateStore(Time);
        var first = await store.SaveAsync(Document("checkout", """{"step":0}"""), 0);
        await store.SaveAsync(first.WithState(Json("""{"step":1}"""), SomeHead), 1);

        var error = await Assert.ThrowsAsync<RolloutConcurrencyException>(
            () => store.SaveAsync(first.WithState(Json("""{"step":99}"""), AuditHead.Genesis), 1));

        Assert.Equal("checkout", error.RolloutId);
        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(2, error.ActualVersion);
        var read = await store.GetAsync("checkout");
        Assert.Equal(2, read!.Version);
        Assert.Equal(1, read.State.GetProperty("step").GetInt32());
        Assert.Equal(SomeHead, read.AuditHead);
    }

    [Fact]
    public async Task SaveAsync_CreateWhenExists_ThrowsAndChangesNothing()
    {
        var store = CreateStore(Time);
        await store.SaveAsync(Document("checkout", """{"step":0}"""), 0);

        var error = await Assert.ThrowsAsync<RolloutConcurrencyException>(() => store.SaveAsync(Document("checkout", """{"step":9}"""), 0));

        Assert.Equal(0, error.ExpectedVersion);
        Assert.Equal(1, error.ActualVersion);
        Assert.Equal(0, (await store.GetAsync("checkout"))!.State.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task SaveAsync_UpdateOfMissingRollout_ThrowsWithActualVersionZero()
    {
        var store = CreateStore(Time);

        var error = await Assert.ThrowsAsync<RolloutConcurrencyException>(() => store.SaveAsync(Document("checkout", "{}"), 3));

        Assert.Equal(0, error.ActualVersion);
        Assert.Null(await store.GetAsync("checkout"));
    }

    [Fact]
    public async Task DeleteAsync_CurrentVersion_RemovesTheRollout()
    {
        var store = CreateStore(Time);
        await store.SaveAsync(Document("checkout", "{}"), 0);

        await store.DeleteAsync("checkout", 1);

        Assert.Null(await store.GetAsync("checkout"));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task DeleteAsync_StaleVersion_ThrowsAndKeepsTheRollout()
    {
        var store = CreateStore(Time);
        var first = await store.SaveAsync(Document("checkout", "{}"), 0);
        await store.SaveAsync(first, 1);

        var error = await Assert.ThrowsAsync<RolloutConcurrencyException>(() => store.DeleteAsync("checkout", 1));

        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(2, (await store.GetAsync("checkout"))!.Version);
    }

    [Fact]
    public async Task DeleteAsync_Missing_ThrowsWithActualVersionZero()
    {
        var store = CreateStore(Time);

        var error = await Assert.ThrowsAsync<RolloutConcurrencyException>(() => store.DeleteAsync("checkout", 1));

        Assert.Equal(0, error.ActualVersion);
    }

    [Fact]
    public async Task SaveAsync_AfterDelete_CreatesAgainFromVersionOne()
    {
        var store = CreateStore(Time);
        await store.SaveAsync(Document("checkout", "{}"), 0);
        await store.DeleteAsync("checkout", 1);

        var again = await store.SaveAsync(Document("checkout", """{"again":true}"""), 0);

        Assert.Equal(1, again.Version);
    }

    [Fact]
    public async Task ListAsync_SeveralRollouts_ReturnsIdsInOrdinalOrder()
    {
        var store = CreateStore(Time);
        foreach (var id in new[] { "b", "A", "a.2", "a", "a-1", "a_1" })
        {
            await store.SaveAsync(Document(id, "{}"), 0);
        }

        var ids = await store.ListAsync();

        Assert.Equal(new[] { "A", "a", "a-1", "a.2", "a_1", "b" }, ids);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    [InlineData("caf\u00e9")]
    [InlineData("a:b")]
    public async Task Methods_InvalidRolloutId_ThrowArgumentException(string id)
    {
        var store = CreateStore(Time);

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(id, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync(id, c => c!));
        Assert.Throws<ArgumentException>(() => Document(id, "{}"));
    }

    [Fact]
    public async Task Methods_LongestValidId_Work()
    {
        var store = CreateStore(Time);
        var id = new string('x', 128);

        await store.SaveAsync(Document(id, "{}"), 0);

        Assert.NotNull(await store.GetAsync(id));
        Assert.Throws<ArgumentException>(() => Document(id + "x", "{}"));
    }

    [Fact]
    public async Task Methods_InvalidArguments_Throw()
    {
        var store = CreateStore(Time);

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.SaveAsync(null!, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(Document("a", "{}"), -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.DeleteAsync("a", 0));
        await Assert.ThrowsAsync<ArgumentNullException>(() => RolloutStoreExtensions.UpdateAsync(null!, "a", c => c!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.UpdateAsync("a", null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.UpdateAsync("a", c => c!, maxAttempts: 0));
    }

    [Fact]
    public async Task Methods_CanceledToken_ThrowBeforeChangingAnything()
    {
        var store = CreateStore(Time);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Document("a", "{}"), 0, canceled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync("a", canceled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListAsync(canceled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpdateAsync("a", c => Document("a", "{}"), cancellationToken: canceled.Token));
        Assert.Null(await store.GetAsync("a"));
    }
}
