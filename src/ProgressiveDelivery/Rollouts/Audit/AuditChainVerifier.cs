using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>
/// Checks a rollout's audit chain: every entry's hash matches its fields, links to the previous entry's hash, sequence
/// numbers run 1, 2, 3 without gaps, and (optionally) the chain reaches the head a rollout's state recorded.
/// </summary>
/// <remarks>
/// What it proves and what it cannot: an intact chain that reaches the expected head has not been changed, shortened,
/// reordered or spliced since the head was recorded, unless whoever changed it also recomputed every later hash and the
/// head itself. The head lives next to the chain (in the rollout's state), so someone able to rewrite both consistently
/// is not detected; that needs a head kept elsewhere (another system, a signature). Entries appended after the expected
/// head are accepted, because the log is written before the state.
/// </remarks>
public static class AuditChainVerifier
{
    /// <summary>Verifies one rollout's chain, given in the order it was read.</summary>
    /// <param name="entries">The whole chain of one rollout, from sequence 1, in stored order.</param>
    /// <param name="expectedHead">
    /// The head the chain must reach (for example <see cref="Persistence.RolloutDocument.AuditHead"/>), or
    /// <see langword="null"/> to check the chain on its own, which cannot detect entries removed from its end.
    /// </param>
    /// <returns>The verdict, with the first broken sequence number and the reason if the chain is broken.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or one of them is <see langword="null"/>.</exception>
    public static AuditChainVerificationResult Verify(IEnumerable<AuditEntry> entries, AuditHead? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var chain = new List<AuditEntry>(entries);
        var head = AuditHead.Genesis;
        for (var i = 0; i < chain.Count; i++)
        {
            var entry = chain[i] ?? throw new ArgumentNullException(nameof(entries), "The chain contains a null entry.");
            var expected = i + 1L;
            var failure = CheckPosition(chain, i, expected);
            failure ??= CheckHashes(chain, i, head);
            if (failure is { } broken)
            {
                return new(broken.Kind, broken.Sequence, broken.Reason, i, head);
            }

            head = entry.Head;
        }

        if (expectedHead is not null && expectedHead.Sequence > 0)
        {
            if (expectedHead.Sequence > chain.Count)
            {
                return new(
                    AuditChainFailure.Truncated,
                    chain.Count + 1,
                    Format($"the chain ends at sequence {chain.Count}, but the expected head is at sequence {expectedHead.Sequence}"),
                    chain.Count,
                    head);
            }

            var atHead = chain[(int)(expectedHead.Sequence - 1)];
            if (!string.Equals(atHead.Hash, expectedHead.Hash, StringComparison.Ordinal))
            {
                return new(
                    AuditChainFailure.HeadMismatch,
                    expectedHead.Sequence,
                    Format($"entry {expectedHead.Sequence} has hash {atHead.Hash}, but the expected head has {expectedHead.Hash}: the chain was rewritten from there or earlier"),
                    chain.Count,
                    head);
            }
        }

        return new(AuditChainFailure.None, null, null, chain.Count, head);
    }

    private static (AuditChainFailure Kind, long Sequence, string Reason)? CheckPosition(List<AuditEntry> chain, int index, long expected)
    {
        var entry = chain[index];
        if (!string.Equals(entry.RolloutId, chain[0].RolloutId, StringComparison.Ordinal))
        {
            return (AuditChainFailure.Inserted, entry.Sequence, Format($"entry {entry.Sequence} belongs to rollout '{entry.RolloutId}', not '{chain[0].RolloutId}'"));
        }

        if (entry.Sequence == expected)
        {
            return null;
        }

        if (entry.Sequence == expected - 1)
        {
            return (AuditChainFailure.Inserted, entry.Sequence, Format($"a second entry with sequence {entry.Sequence}"));
        }

        if (entry.Sequence < expected)
        {
            return (AuditChainFailure.Reordered, entry.Sequence, Format($"entry {entry.Sequence} appears where entry {expected} belongs"));
        }

        for (var later = index + 1; later < chain.Count; later++)
        {
            if (chain[later]?.Sequence == expected)
            {
                return (AuditChainFailure.Reordered, expected, Format($"entry {entry.Sequence} appears before entry {expected}"));
            }
        }

        return (AuditChainFailure.Deleted, expected, entry.Sequence == expected + 1
            ? Format($"entry {expected} is missing")
            : Format($"entries {expected} to {entry.Sequence - 1} are missing"));
    }

    private static (AuditChainFailure Kind, long Sequence, string Reason)? CheckHashes(List<AuditEntry> chain, int index, AuditHead previous)
    {
        var entry = chain[index];
        if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
        {
            return (AuditChainFailure.Modified, entry.Sequence, Format($"the fields of entry {entry.Sequence} do not match its hash"));
        }

        if (!string.Equals(entry.PreviousHash, previous.Hash, StringComparison.Ordinal))
        {
            // The link between two entries is broken while each matches its own hash: one of them was replaced by an entry
            // hashed anew. The earlier one is reported, since nothing from there on can be trusted.
            var suspect = Math.Max(1, entry.Sequence - 1);
            return (AuditChainFailure.Modified, suspect, entry.Sequence == 1
                ? "entry 1 does not start from the zero hash"
                : Format($"entry {entry.Sequence} does not link to entry {entry.Sequence - 1}'s hash: one of them was replaced"));
        }

        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
