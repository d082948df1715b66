using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

        // Four chars (8 bytes) at a time: check they are ASCII, narrow them to 4 bytes, mix one block.
        for (; i <= text.Length - 4; i += 4)
        {
            var chars = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(text.Slice(i, 4)));
            if ((chars & NonAsciiMask) != 0)
            {
                return false;
            }

            var narrowed = (uint)(chars & 0xFF)
                | (uint)((chars >> 8) & 0xFF00)
                | (uint)((chars >> 16) & 0xFF_0000)
                | (uint)((chars >> 24) & 0xFF00_0000);
            carry |= (ulong)narrowed << shift;
            hash = MixBlock(hash, (uint)carry);
            carry >>= 32;
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
