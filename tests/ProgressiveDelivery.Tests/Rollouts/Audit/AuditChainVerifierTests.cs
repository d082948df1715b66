using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.Tests.Rollouts.Audit;

public class AuditChainVerifierTests
{
    private static async Task<List<AuditEntry>> ChainAsync(int count, string reason = "step done")
    {
        var time = new FakeTimeProvider();
        var log = new InMemoryAuditLog(time);
        for (var i = 1; i <= count; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await log.AppendAsync(new AuditEvent("checkout", "controller", AuditActions.Transition, $"{reason} {i}", $"step-{i - 1}", $"step-{i}"));
        }

        return [.. await log.ReadAsync("checkout")];
    }

    private static AuditEntry WithReason(AuditEntry entry, string reason) => new(
        entry.Sequence,
        entry.Timestamp,
        new AuditEvent(entry.RolloutId, entry.Actor, entry.Action, reason, entry.Before, entry.After, entry.Evidence),
        entry.PreviousHash,
        entry.Hash);

    [Fact]
    public async Task Verify_IntactChain_IsValidAndReportsItsHead()
    {
        var chain = await ChainAsync(5);

        var result = AuditChainVerifier.Verify(chain, chain[^1].Head);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(AuditChainFailure.None, result.Failure);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal(5, result.EntriesVerified);
        Assert.Equal(chain[^1].Head, result.Head);
    }

    [Fact]
    public void Verify_EmptyChain_IsValidAgainstGenesisOrNoHead()
    {
        Assert.True(AuditChainVerifier.Verify([], AuditHead.Genesis).IsValid);
        Assert.True(AuditChainVerifier.Verify([]).IsValid);
    }

    [Fact]
    public async Task Verify_ChainAheadOfTheExpectedHead_IsValid()
    {
        // The log is written before the state, so a crash in between leaves the chain one entry ahead.
        var chain = await ChainAsync(4);

        Assert.True(AuditChainVerifier.Verify(chain, chain[2].Head).IsValid);
    }

    [Fact]
    public async Task Verify_FieldChanged_ReportsModifiedAtThatEntry()
    {
        var chain = await ChainAsync(4);
        chain[2] = WithReason(chain[2], "something else");

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Modified, 3L), (result.Failure, result.FirstBrokenSequence));
        Assert.Equal(2, result.EntriesVerified);
        Assert.Equal(chain[1].Head, result.Head);
    }

    [Fact]
    public async Task Verify_EntryReplacedAndRehashed_ReportsModifiedWhereTheLinkBreaks()
    {
        var chain = await ChainAsync(4);
        var forged = WithReason(chain[1], "forged");
        chain[1] = AuditEntry.Create(chain[0].Head, forged.Timestamp, forged.Event);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Modified, 2L), (result.Failure, result.FirstBrokenSequence));
        Assert.Contains("does not link", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntryRemovedFromTheMiddle_ReportsDeleted()
    {
        var chain = await ChainAsync(5);
        chain.RemoveAt(2);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Deleted, 3L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_TwoEntriesSwapped_ReportsReordered()
    {
        var chain = await ChainAsync(5);
        (chain[1], chain[3]) = (chain[3], chain[1]);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Reordered, 2L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_EarlierEntryMovedToTheEnd_ReportsReordered()
    {
        var chain = await ChainAsync(4);
        var moved = chain[0];
        chain.RemoveAt(0);
        chain.Add(moved);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Reordered, 1L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_EntryDuplicated_ReportsInserted()
    {
        var chain = await ChainAsync(4);
        chain.Insert(2, chain[1]);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Inserted, 2L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_ForgedEntryInsertedWithAValidHash_ReportsInserted()
    {
        var chain = await ChainAsync(4);
        var forged = AuditEntry.Create(chain[1].Head, chain[2].Timestamp, WithReason(chain[2], "forged").Event);
        chain.Insert(2, forged);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Inserted, 3L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_EntryOfAnotherRollout_ReportsInserted()
    {
        var chain = await ChainAsync(3);
        var other = AuditEntry.Create(chain[^1].Head, chain[^1].Timestamp, new AuditEvent("search", "x", AuditActions.Pause, string.Empty));
        chain.Add(other);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal((AuditChainFailure.Inserted, 4L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_EntriesCutFromTheEnd_ReportsTruncatedAgainstTheHead()
    {
        var chain = await ChainAsync(5);
        var head = chain[^1].Head;
        chain.RemoveRange(3, 2);

        Assert.True(AuditChainVerifier.Verify(chain).IsValid); // Undetectable without the head.
        var result = AuditChainVerifier.Verify(chain, head);

        Assert.Equal((AuditChainFailure.Truncated, 4L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_WholeChainRewrittenConsistently_ReportsHeadMismatchAgainstTheOldHead()
    {
        var original = await ChainAsync(4);
        var rewritten = await ChainAsync(4, reason: "rewritten");

        Assert.True(AuditChainVerifier.Verify(rewritten).IsValid); // A consistent rewrite is a valid chain in itself.
        var result = AuditChainVerifier.Verify(rewritten, original[^1].Head);

        Assert.Equal((AuditChainFailure.HeadMismatch, 4L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task Verify_FirstEntryNotStartingFromZero_ReportsModified()
    {
        var chain = await ChainAsync(1);
        var relinked = new AuditEntry(1, chain[0].Timestamp, chain[0].Event, new string('f', 64), chain[0].Hash);

        var result = AuditChainVerifier.Verify([relinked]);

        Assert.Equal((AuditChainFailure.Modified, 1L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public void Verify_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => AuditChainVerifier.Verify(null!));
        Assert.Throws<ArgumentNullException>(() => AuditChainVerifier.Verify(new AuditEntry[] { null! }));
    }

    [Fact]
    public async Task ToString_BrokenChain_NamesFailureAndSequence()
    {
        var chain = await ChainAsync(3);
        chain.RemoveAt(1);

        Assert.StartsWith("Deleted at sequence 2:", AuditChainVerifier.Verify(chain).ToString(), StringComparison.Ordinal);
    }
}
