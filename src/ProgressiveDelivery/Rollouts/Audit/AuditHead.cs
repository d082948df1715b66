using System;
using System.Globalization;
using ProgressiveDelivery.Rollouts.Audit.Internal;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>
/// The position of a rollout's audit chain: the sequence number and hash of its last entry. A rollout's state
/// records the head it was written after, so that a log truncated (or rewritten) behind the state's back is detected
/// by <see cref="AuditChainVerifier"/>.
/// </summary>
public sealed class AuditHead : IEquatable<AuditHead>
{
    /// <summary>Creates a head.</summary>
    /// <param name="sequence">The last entry's sequence number; 0 for an empty chain.</param>
    /// <param name="hash">The last entry's hash (64 lower-case hexadecimal digits); 64 zeros for an empty chain.</param>
    /// <exception cref="ArgumentNullException"><paramref name="hash"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is negative.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="hash"/> is not 64 lower-case hexadecimal digits, or <paramref name="sequence"/> is 0 and the hash
    /// is not 64 zeros.
    /// </exception>
    public AuditHead(long sequence, string hash)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        HashText.ThrowIfInvalid(hash, nameof(hash));
        if (sequence == 0 && hash != HashText.Zero)
        {
            throw new ArgumentException("The head of an empty chain (sequence 0) has the zero hash.", nameof(hash));
        }

        Sequence = sequence;
        Hash = hash;
    }

    /// <summary>The head of an empty chain: sequence 0 and 64 zeros, which is also the first entry's previous hash.</summary>
    public static AuditHead Genesis { get; } = new(0, HashText.Zero);

    /// <summary>The sequence number of the last entry; 0 for an empty chain.</summary>
    public long Sequence { get; }

    /// <summary>The hash of the last entry, 64 lower-case hexadecimal digits; 64 zeros for an empty chain.</summary>
    public string Hash { get; }

    /// <inheritdoc />
    public bool Equals(AuditHead? other) =>
        other is not null && Sequence == other.Sequence && string.Equals(Hash, other.Hash, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AuditHead);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sequence, StringComparer.Ordinal.GetHashCode(Hash));

    /// <summary>Formats the head as <c>#sequence hash</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{Sequence} {Hash}");
}
