using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProgressiveDelivery.Rollouts.Audit.Internal;

/// <summary>
/// The hash of an audit entry, encoding v1 (docs/rollouts-persistence.md states it for other languages):
/// SHA-256 over the concatenation of eleven fields, each written as a netstring (<c>{byte length in decimal}:{UTF-8 bytes},</c>)
/// or, when absent, as the single byte <c>~</c>, in this order: the literal <c>progressive-delivery.audit.v1</c>, previous
/// hash, sequence (decimal), timestamp (UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>), rollout id, actor, action, reason,
/// before, after, evidence (its compact JSON text). The digest is written as 64 lower-case hexadecimal digits.
/// </summary>
internal static class AuditEntryHasher
{
    public const string Domain = "progressive-delivery.audit.v1";
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly byte[] Absent = "~"u8.ToArray();

    public static string ComputeHash(
        string previousHash,
        long sequence,
        DateTimeOffset timestamp,
        string rolloutId,
        string actor,
        string action,
        string reason,
        string? before,
        string? after,
        string? evidence)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Domain);
        Append(hash, previousHash);
        Append(hash, sequence.ToString(CultureInfo.InvariantCulture));
        Append(hash, FormatTimestamp(timestamp));
        Append(hash, rolloutId);
        Append(hash, actor);
        Append(hash, action);
        Append(hash, reason);
        Append(hash, before);
        Append(hash, after);
        Append(hash, evidence);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return HashText.FromBytes(digest);
    }

    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static void Append(IncrementalHash hash, string? field)
    {
        if (field is null)
        {
            hash.AppendData(Absent);
            return;
        }

        var bytes = AuditText.Utf8(field);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
        hash.AppendData(","u8);
    }
}
