using System;
using System.Text.Json;
using ProgressiveDelivery.Rollouts.Audit.Internal;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>
/// One entry of a rollout's audit chain: an <see cref="AuditEvent"/> with its sequence number, time and hashes. Each
/// entry's <see cref="Hash"/> covers its fields and the previous entry's hash, so changing, removing, inserting or
/// reordering entries breaks the chain (see <see cref="AuditChainVerifier"/>).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Creates an entry as a log read it back. Logs use <see cref="Create"/> to make new entries.</summary>
    /// <param name="sequence">The entry's position in the rollout's chain, from 1.</param>
    /// <param name="timestamp">When it was appended; kept in UTC to the tick.</param>
    /// <param name="auditEvent">What happened.</param>
    /// <param name="previousHash">The previous entry's hash; 64 zeros for the first entry.</param>
    /// <param name="hash">This entry's hash as stored. It is not checked here: <see cref="AuditChainVerifier"/> does.</param>
    /// <exception cref="ArgumentNullException"><paramref name="auditEvent"/>, <paramref name="previousHash"/> or <paramref name="hash"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A hash is not 64 lower-case hexadecimal digits.</exception>
    public AuditEntry(long sequence, DateTimeOffset timestamp, AuditEvent auditEvent, string previousHash, string hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentNullException.ThrowIfNull(auditEvent);
        HashText.ThrowIfInvalid(previousHash, nameof(previousHash));
        HashText.ThrowIfInvalid(hash, nameof(hash));
        Sequence = sequence;
        Timestamp = new DateTimeOffset(timestamp.UtcDateTime, TimeSpan.Zero);
        Event = auditEvent;
        PreviousHash = previousHash;
        Hash = hash;
    }

    /// <summary>The entry's position in the rollout's chain: 1 for the first entry, one more for each next one.</summary>
    public long Sequence { get; }

    /// <summary>When the entry was appended, in UTC.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>What happened.</summary>
    public AuditEvent Event { get; }

    /// <summary>The rollout.</summary>
    public string RolloutId => Event.RolloutId;

    /// <summary>Who acted.</summary>
    public string Actor => Event.Actor;

    /// <summary>What was done (see <see cref="AuditActions"/>).</summary>
    public string Action => Event.Action;

    /// <summary>Why, in words; may be empty.</summary>
    public string Reason => Event.Reason;

    /// <summary>The state's name before, or <see langword="null"/>.</summary>
    public string? Before => Event.Before;

    /// <summary>The state's name after, or <see langword="null"/>.</summary>
    public string? After => Event.After;

    /// <summary>What the decision rested on (compact JSON), or <see langword="null"/>.</summary>
    public JsonElement? Evidence => Event.Evidence;

    /// <summary>The previous entry's hash; 64 zeros for the first entry.</summary>
    public string PreviousHash { get; }

    /// <summary>This entry's hash: SHA-256 over the previous hash and this entry's fields, as 64 lower-case hexadecimal digits.</summary>
    public string Hash { get; }

    /// <summary>The chain's head if this entry is the last one.</summary>
    public AuditHead Head => new(Sequence, Hash);

    /// <summary>Makes the entry that follows <paramref name="previous"/> in a chain, computing its hash.</summary>
    /// <param name="previous">The chain's current head (<see cref="AuditHead.Genesis"/> for an empty chain).</param>
    /// <param name="timestamp">When the entry is appended.</param>
    /// <param name="auditEvent">What happened.</param>
    /// <returns>The entry with sequence <c>previous.Sequence + 1</c>, chained to <paramref name="previous"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="previous"/> or <paramref name="auditEvent"/> is <see langword="null"/>.</exception>
    public static AuditEntry Create(AuditHead previous, DateTimeOffset timestamp, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(auditEvent);
        var sequence = previous.Sequence + 1;
        var hash = AuditEntryHasher.ComputeHash(
            previous.Hash, sequence, timestamp, auditEvent.RolloutId, auditEvent.Actor, auditEvent.Action, auditEvent.Reason,
            auditEvent.Before, auditEvent.After, auditEvent.Evidence?.GetRawText());
        return new AuditEntry(sequence, timestamp, auditEvent, previous.Hash, hash);
    }

    /// <summary>Computes the hash this entry's fields call for; equal to <see cref="Hash"/> unless the entry was altered.</summary>
    public string ComputeHash() => AuditEntryHasher.ComputeHash(
        PreviousHash, Sequence, Timestamp, RolloutId, Actor, Action, Reason, Before, After, Evidence?.GetRawText());
}
