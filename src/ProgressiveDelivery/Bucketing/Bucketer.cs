using System;
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
/// </remarks>
public static class Bucketer
{
    /// <summary>The number of buckets: 10,000, so one bucket is 0.01% of units.</summary>
    public const int BucketCount = 10_000;

    private const byte Separator = 0xFF;

    /// <summary>Returns the bucket of <paramref name="unitId"/> under <paramref name="salt"/>, in [0, <see cref="BucketCount"/>).</summary>
    /// <param name="salt">The flag's salt (by default its key); different salts give independent assignments.</param>
    /// <param name="unitId">The unit (user, session, tenant) id; any length.</param>
    public static int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitId) => ToBucket(Hash(salt, unitId));

    /// <summary>Returns the raw 32-bit hash of the bucketing input (step 2 of the algorithm), for cross-language checks.</summary>
    public static uint Hash(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitId)
    {
        var hasher = new Murmur3Hasher(seed: 0);
        hasher.AppendUtf8(salt);
        hasher.AppendByte(Separator);
        hasher.AppendUtf8(unitId);
        return hasher.Finish();
    }

    /// <summary>Maps a 32-bit hash to a bucket (step 3 of the algorithm).</summary>
    public static int ToBucket(uint hash) => (int)(((ulong)hash * BucketCount) >> 32);

    /// <summary>Whether a unit in <paramref name="bucket"/> is inside a rollout of <paramref name="basisPoints"/> (hundredths of a percent, 0 to 10,000).</summary>
    public static bool IsInRollout(int bucket, int basisPoints) => bucket < basisPoints;
}
