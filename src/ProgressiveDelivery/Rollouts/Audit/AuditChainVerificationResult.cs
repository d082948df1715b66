using System.Globalization;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>The outcome of <see cref="AuditChainVerifier.Verify"/>: whether the chain is intact and, if not, where and why it breaks.</summary>
public sealed class AuditChainVerificationResult
{
    internal AuditChainVerificationResult(AuditChainFailure failure, long? firstBrokenSequence, string? reason, long entriesVerified, AuditHead head)
    {
        Failure = failure;
        FirstBrokenSequence = firstBrokenSequence;
        Reason = reason;
        EntriesVerified = entriesVerified;
        Head = head;
    }

    /// <summary>Whether the chain is intact (and, if a head was expected, reaches it).</summary>
    public bool IsValid => Failure == AuditChainFailure.None;

    /// <summary>How the chain is broken; <see cref="AuditChainFailure.None"/> if it is intact.</summary>
    public AuditChainFailure Failure { get; }

    /// <summary>The sequence number of the first entry that cannot be trusted; <see langword="null"/> if the chain is intact.</summary>
    public long? FirstBrokenSequence { get; }

    /// <summary>Why the chain is broken, in words; <see langword="null"/> if it is intact.</summary>
    public string? Reason { get; }

    /// <summary>How many entries, from the first, were verified before the break (all of them if the chain is intact).</summary>
    public long EntriesVerified { get; }

    /// <summary>The head of the verified part of the chain; <see cref="AuditHead.Genesis"/> if no entry verified.</summary>
    public AuditHead Head { get; }

    /// <summary>Describes the result in one line.</summary>
    public override string ToString() => IsValid
        ? string.Create(CultureInfo.InvariantCulture, $"Valid: {EntriesVerified} entries, head {Head}.")
        : string.Create(CultureInfo.InvariantCulture, $"{Failure} at sequence {FirstBrokenSequence}: {Reason}");
}
