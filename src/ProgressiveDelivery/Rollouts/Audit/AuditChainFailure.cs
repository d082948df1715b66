namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>How an audit chain is broken, as found by <see cref="AuditChainVerifier"/>.</summary>
public enum AuditChainFailure
{
    /// <summary>The chain is intact.</summary>
    None,

    /// <summary>An entry's fields do not match its hash, or it does not link to the previous entry's hash: an entry was changed or replaced.</summary>
    Modified,

    /// <summary>Sequence numbers skip: entries were removed from the middle of the chain.</summary>
    Deleted,

    /// <summary>Entries appear out of sequence order.</summary>
    Reordered,

    /// <summary>An entry repeats a sequence number or belongs to another rollout: it was added to the chain.</summary>
    Inserted,

    /// <summary>The chain ends before the expected head: entries were removed from its end.</summary>
    Truncated,

    /// <summary>The chain reaches the expected head's sequence number with another hash: it was rewritten from that entry or earlier.</summary>
    HeadMismatch,
}
