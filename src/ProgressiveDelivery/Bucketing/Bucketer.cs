using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using ProgressiveDelivery.Bucketing.Internal;

namespace ProgressiveDelivery.Bucketing;

/// <summary>
/// The native bucketing algorithm: a deterministic, allocation-free map from (salt, unit id) to a bucket in
/// [0, <see cref="BucketCount"/>). One bucket is 0.01% of units.
/// </summary>
/// <remarks>
/// <para>The algorithm, exactly, so that any language can reproduce it:</para>
/// <list type="number">
/// <item><description>Bytes: UTF-8 of the salt, then the single byte <c>0xFF</c> (which never occurs in UTF-8, so
/// <c>("a:b", "c")</c> and <c>("a", "b:c")</c> differ), then UTF-8 of the unit id. Unpaired UTF-16 surrogates encode
/// as U+FFFD (<c>EF BF BD</c>).</description></item>
/// <item><description>Hash: MurmurHash3 x86 32-bit with seed 0 over those bytes, as an unsigned 32-bit integer.</description></item>
/// <item><description>Bucket: <c>floor(hash * 10000 / 2^32)</c>, i.e. <c>(uint64)hash * 10000 &gt;&gt; 32</c>, in [0, 9999].</description></item>
/// <item><description>A unit is inside a rollout of <c>p</c> percent (0.01 resolution) when <c>bucket &lt; round(p * 100)</c>;
/// so raising <c>p</c> only ever adds units. Split arms take consecutive bucket ranges in their listed order.</description></item>
/// </list>
/// <para>Every member is thread-safe, never allocates and uses a bounded amount of stack (under 1 KiB) for input of any
/// length: ASCII input (of any length) is hashed straight from its chars, since its UTF-8 bytes are their low bytes; other
/// input of up to 512 UTF-8 bytes is encoded into one stack buffer and hashed in one pass; longer input is streamed
/// through a 256-byte stack buffer. All three give the same hash, by the definition above.</para>
/// <para>The published test vectors and an independent reference implementation are in <c>docs/bucketing.md</c> and
/// <c>benchmarks/tools/bucketing_reference.py</c>.</para>
/// </remarks>
public static class Bucketer
{
    /// <summary>The number of buckets: 10,000, so one bucket is 0.01% of units.</summary>
    public const int BucketCount = 10_000;

    private const byte Separator = 0xFF;

    /// <summary>The largest input (in UTF-8 bytes, separator included) hashed from a single stack buffer.</summary>
    private const int SinglePassBytes = 512;

    /// <summary>Returns the bucket of <paramref name="unitId"/> under <paramref name="salt"/>, in [0, <see cref="BucketCount"/>).</summary>
    /// <param name="salt">The flag's salt (by default its key); different salts give independent assignments.</param>
    /// <param name="unitId">The unit (user, session, tenant) id; any length.</param>
    /// <returns>The bucket, in [0, 9999].</returns>
    public static int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitId) => ToBucket(Hash(salt, unitId));

    /// <summary>Returns the raw 32-bit hash of the bucketing input (step 2 of the algorithm), for cross-language checks.</summary>
    /// <param name="salt">The flag's salt.</param>
    /// <param name="unitId">The unit id; any length.</param>
    /// <returns>MurmurHash3 x86 32-bit, seed 0, of UTF-8(<paramref name="salt"/>) || 0xFF || UTF-8(<paramref name="unitId"/>).</returns>
    public static uint Hash(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitId)
    {
        // ASCII (nearly every real id): hash straight from the chars, no transcoding.
        if (Murmur3Hasher.TryHashAscii(salt, Separator, unitId, seed: 0, out var asciiHash))
        {
            return asciiHash;
        }

        return HashUtf8(salt, unitId);
    }

    /// <summary>Maps a 32-bit hash to a bucket (step 3 of the algorithm).</summary>
    /// <param name="hash">A hash from <see cref="Hash"/>.</param>
    /// <returns><c>floor(hash * 10000 / 2^32)</c>, in [0, <see cref="BucketCount"/>).</returns>
    public static int ToBucket(uint hash) => (int)(((ulong)hash * BucketCount) >> 32);

    /// <summary>Whether a unit in <paramref name="bucket"/> is inside a rollout of <paramref name="basisPoints"/> (hundredths of a percent, 0 to 10,000).</summary>
    /// <param name="bucket">The unit's bucket, in [0, <see cref="BucketCount"/>).</param>
    /// <param name="basisPoints">The rollout in hundredths of a percent, in [0, <see cref="BucketCount"/>]: 0 includes nobody, 10,000 everybody.</param>
    /// <returns><see langword="true"/> when <paramref name="bucket"/> &lt; <paramref name="basisPoints"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucket"/> is outside [0, 9999], or <paramref name="basisPoints"/> is outside [0, 10000].</exception>
    public static bool IsInRollout(int bucket, int basisPoints)
    {
        if ((uint)bucket >= BucketCount)
        {
            ThrowOutOfRange(nameof(bucket), bucket, "A bucket is in [0, 9999].");
        }

        if ((uint)basisPoints > BucketCount)
        {
            ThrowOutOfRange(nameof(basisPoints), basisPoints, "A rollout is in [0, 10000] basis points.");
        }

        return bucket < basisPoints;
    }

    /// <summary>
    /// Hashes <paramref name="salt"/> and the separator ahead of time (ASCII salts only), for
    /// <see cref="GetBucketAfterPrefix"/>.
    /// </summary>
    internal static bool TryCreateSaltPrefix(ReadOnlySpan<char> salt, out Murmur3AsciiPrefix prefix) =>
        Murmur3Hasher.TryHashAsciiPrefix(salt, Separator, seed: 0, out prefix);

    /// <summary>
    /// The same bucket as <see cref="GetBucket(ReadOnlySpan{char}, ReadOnlySpan{char})"/>, with the salt's blocks
    /// already hashed: <paramref name="saltPrefix"/> must come from <see cref="TryCreateSaltPrefix"/> for <paramref name="salt"/>.
    /// </summary>
    /// <remarks>The salt is a string, not a span, so that the span for the rare non-ASCII fallback is made there, not ahead of the hash.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int GetBucketAfterPrefix(in Murmur3AsciiPrefix saltPrefix, string salt, ReadOnlySpan<char> unitId) =>
        ToBucket(Murmur3Hasher.TryHashAsciiSuffix(saltPrefix, unitId, out var hash) ? hash : HashUtf8(salt, unitId));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint HashUtf8(string salt, ReadOnlySpan<char> unitId) => HashUtf8(salt.AsSpan(), unitId);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint HashUtf8(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitId)
    {
        // Every UTF-16 unit encodes to at least one byte, so longer input can never fit the single buffer.
        if (salt.Length + unitId.Length < SinglePassBytes)
        {
            Span<byte> buffer = stackalloc byte[SinglePassBytes];
            if (Utf8.FromUtf16(salt, buffer, out _, out var saltBytes, replaceInvalidSequences: true, isFinalBlock: true) == OperationStatus.Done
                && saltBytes < buffer.Length)
            {
                buffer[saltBytes] = Separator;
                var idStart = saltBytes + 1;
                if (Utf8.FromUtf16(unitId, buffer[idStart..], out _, out var idBytes, replaceInvalidSequences: true, isFinalBlock: true) == OperationStatus.Done)
                {
                    return Murmur3Hasher.Hash(buffer[..(idStart + idBytes)], seed: 0);
                }
            }
        }

        return HashStreaming(salt, unitId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint HashStreaming(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitId)
    {
        var hasher = new Murmur3Hasher(seed: 0);
        hasher.AppendUtf8(salt);
        hasher.AppendByte(Separator);
        hasher.AppendUtf8(unitId);
        return hasher.Finish();
    }

    private static void ThrowOutOfRange(string name, int value, string message) =>
        throw new ArgumentOutOfRangeException(name, value, message);
}
