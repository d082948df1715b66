using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressiveDelivery.Bucketing.Internal;

/// <summary>The ASCII fast path: hashes UTF-16 text straight from the chars, with no transcoding buffer.</summary>
internal partial struct Murmur3Hasher
{
    private const ulong NonAsciiMask = 0xFF80_FF80_FF80_FF80;

    /// <summary>
    /// Hashes the bytes <c>first || separator || second</c> when both spans are ASCII (so their UTF-8 bytes are their
    /// chars' low bytes). Returns <see langword="false"/> on the first non-ASCII char (or on a big-endian machine), and
    /// the caller then takes the general path; the result is the same hash either way.
    /// </summary>
    public static bool TryHashAscii(ReadOnlySpan<char> first, byte separator, ReadOnlySpan<char> second, uint seed, out uint hash)
    {
        hash = 0;
        if (!BitConverter.IsLittleEndian)
        {
            return false;
        }

        var state = seed;
        ulong pending = 0;    // bytes not yet mixed, little-endian
        var pendingCount = 0; // 0..3 between calls
        if (!AppendAscii(first, ref state, ref pending, ref pendingCount))
        {
            return false;
        }

        pending |= (ulong)separator << (8 * pendingCount);
        if (++pendingCount == 4)
        {
            state = MixBlock(state, (uint)pending);
            pending = 0;
            pendingCount = 0;
        }

        if (!AppendAscii(second, ref state, ref pending, ref pendingCount))
        {
            return false;
        }

        if (pendingCount != 0)
        {
            state ^= MixTail((uint)pending);
        }

        hash = Finalize(state, (uint)first.Length + 1u + (uint)second.Length);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AppendAscii(ReadOnlySpan<char> text, ref uint state, ref ulong pending, ref int pendingCount)
    {
        var shift = 8 * pendingCount;
        var hash = state;
        var carry = pending;
        var i = 0;
        ref var start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text));

        // Whether the chars were ASCII is checked once after the block loops: a non-ASCII char makes the caller discard
        // this hash. The loop bounds keep every read inside the span, so they read without bounds checks.
        ulong seen = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // Eight chars (16 bytes) at a time: narrow them to 8 bytes in one vector operation and mix two blocks.
            ref var chars16 = ref Unsafe.As<byte, ushort>(ref start);
            var seenVector = Vector128<ushort>.Zero;
            for (; i <= text.Length - 8; i += 8)
            {
                var chars = Vector128.LoadUnsafe(ref chars16, (nuint)i);
                seenVector |= chars;
                var bytes = Vector128.Narrow(chars, chars).AsUInt64().ToScalar();
                carry |= (ulong)(uint)bytes << shift;
                hash = MixBlock(hash, (uint)carry);
                carry = (carry >> 32) | ((bytes >> 32) << shift);
                hash = MixBlock(hash, (uint)carry);
                carry >>= 32;
            }

            seen = seenVector.AsUInt64().GetElement(0) | seenVector.AsUInt64().GetElement(1);
        }

        // Four chars (8 bytes) at a time: narrow them to 4 bytes and mix one block.
        for (; i <= text.Length - 4; i += 4)
        {
            var chars = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i * sizeof(char)));
            seen |= chars;

            // Lanes 00 c3 00 c2 00 c1 00 c0 -> bytes c3 c2 c1 c0.
            var paired = chars | (chars >> 8);
            var narrowed = ((uint)paired & 0xFFFF) | ((uint)(paired >> 16) & 0xFFFF_0000);
            carry |= (ulong)narrowed << shift;
            hash = MixBlock(hash, (uint)carry);
            carry >>= 32;
        }

        if ((seen & NonAsciiMask) != 0)
        {
            return false;
        }

        var count = pendingCount;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x80)
            {
                return false;
            }

            carry |= (ulong)c << (8 * count);
            if (++count == 4)
            {
                hash = MixBlock(hash, (uint)carry);
                carry = 0;
                count = 0;
            }
        }

        state = hash;
        pending = carry;
        pendingCount = count;
        return true;
    }
}
