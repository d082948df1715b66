using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.Tests.Rollouts.Audit;

/// <summary>The behaviour every <see cref="AuditLog"/> must have; each implementation's tests inherit these.</summary>
public abstract class AuditLogContractTests
{
    private protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected abstract AuditLog CreateLog(TimeProvider timeProvider);

    protected static AuditEvent Event(string rolloutId = "checkout", string action = AuditActions.Transition, string reason = "step done") =>
        new(rolloutId, "controller", action, reason, "step-1", "step-2");

    [Fact]
    public async Task AppendAsync_FirstEntry_HasSequenceOneAndTheZeroPreviousHash()
    {
        var log = CreateLog(Time);

        var entry = await log.AppendAsync(Event());

        Assert.Equal(1, entry.Sequence);
        Assert.Equal(AuditHead.Genesis.Hash, entry.PreviousHash);
        Assert.Equal(entry.ComputeHash(), entry.Hash);
        Assert.Equal(Time.GetUtcNow(), entry.Timestamp);
    }

    [Fact]
    public async Task AppendAsync_NextEntry_ChainsToThePreviousOne()
    {
        var log = CreateLog(Time);
        var first = await log.AppendAsync(Event());
        Time.Advance(TimeSpan.FromSeconds(1.5));

        var second = await log.AppendAsync(Event(action: AuditActions.Pause, reason: "on call asked"));

        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(first.Timestamp + TimeSpan.FromSeconds(1.5), second.Timestamp);
        Assert.Equal(second.Head, await log.GetHeadAsync("checkout"));
    }

    [Fact]
    public async Task AppendAsync_TwoRollouts_KeepSeparateChains()
    {
        var log = CreateLog(Time);

        await log.AppendAsync(Event("a"));
        var b = await log.AppendAsync(Event("b"));
        var a2 = await log.AppendAsync(Event("a"));

        Assert.Equal(1, b.Sequence);
        Assert.Equal(2, a2.Sequence);
        Assert.True(AuditChainVerifier.Verify(await log.ReadAsync("a"), a2.Head).IsValid);
    }

    [Fact]
    public async Task ReadAsync_AfterAppends_ReturnsEveryFieldAsAppended()
    {
        var log = CreateLog(Time);
        using var verdict = JsonDocument.Parse("""{ "verdict": "fail", "p": 1e-9, "note": "caf\u00e9 <&>" }""");
        var appended = await log.AppendAsync(new AuditEvent("checkout", "alice@example.com", AuditActions.Abort, "error rate \u2191 \"3x\"\nsee dashboard", "analysis", null, verdict.RootElement));

        var read = Assert.Single(await log.ReadAsync("checkout"));

        Assert.Equal(appended.Sequence, read.Sequence);
        Assert.Equal(appended.Timestamp, read.Timestamp);
        Assert.Equal(("checkout", "alice@example.com", "abort"), (read.RolloutId, read.Actor, read.Action));
        Assert.Equal("error rate \u2191 \"3x\"\nsee dashboard", read.Reason);
        Assert.Equal("analysis", read.Before);
        Assert.Null(read.After);
        Assert.Equal(appended.Evidence!.Value.GetRawText(), read.Evidence!.Value.GetRawText());
        Assert.Equal("1e-9", read.Evidence.Value.GetProperty("p").GetRawText());
        Assert.Equal((appended.PreviousHash, appended.Hash), (read.PreviousHash, read.Hash));
        Assert.Equal(read.Hash, read.ComputeHash());
    }

    [Fact]
    public async Task ReadAsync_FromSequence_SkipsEarlierEntries()
    {
        var log = CreateLog(Time);
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Event());
        }

        var tail = await log.ReadAsync("checkout", fromSequence: 4);

        Assert.Equal(new long[] { 4, 5 }, tail.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadAsync_NullRollout_ReadsEveryChainOrderedByRolloutThenSequence()
    {
        var log = CreateLog(Time);
        await log.AppendAsync(Event("b"));
        await log.AppendAsync(Event("a"));
        await log.AppendAsync(Event("b"));

        var all = await log.ReadAsync(null);

        Assert.Equal(new[] { ("a", 1L), ("b", 1L), ("b", 2L) }, all.Select(e => (e.RolloutId, e.Sequence)));
    }

    [Fact]
    public async Task ReadAsync_UnknownRollout_ReturnsEmptyAndHeadIsGenesis()
    {
        var log = CreateLog(Time);

        Assert.Empty(await log.ReadAsync("nobody"));
        Assert.Equal(AuditHead.Genesis, await log.GetHeadAsync("nobody"));
    }

    [Fact]
    public async Task AppendAsync_Concurrently_ProducesOneUnbrokenChain()
    {
        const int Appenders = 16;
        var log = CreateLog(Time);

        await Task.WhenAll(Enumerable.Range(0, Appenders).Select(i => Task.Run(() => log.AppendAsync(Event(reason: $"appender {i}")))));

        var chain = await log.ReadAsync("checkout");
        Assert.Equal(Enumerable.Range(1, Appenders).Select(i => (long)i), chain.Select(e => e.Sequence));
        Assert.True(AuditChainVerifier.Verify(chain, await log.GetHeadAsync("checkout")).IsValid);
    }

    [Fact]
    public async Task Methods_InvalidArguments_Throw()
    {
        var log = CreateLog(Time);

        await Assert.ThrowsAsync<ArgumentNullException>(() => log.AppendAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => log.ReadAsync("a/b"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync("a", 0));
        await Assert.ThrowsAsync<ArgumentNullException>(() => log.GetHeadAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => log.GetHeadAsync(".."));
    }

    [Fact]
    public async Task AppendAsync_CanceledToken_AppendsNothing()
    {
        var log = CreateLog(Time);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync(Event(), canceled.Token));

        Assert.Empty(await log.ReadAsync("checkout"));
    }
}
