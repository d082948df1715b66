using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ProgressiveDelivery.Bucketing.Internal;

/// <summary>The ASCII fast path: hashes UTF-16 text straight from the chars, with no transcoding buffer.</summary>
/// <remarks>
/// <para>Whether the chars are ASCII is checked once at the end rather than per block: a non-ASCII char only makes these
/// methods discard the hash they computed. Every read is inside its span (the bounds below guarantee it), so the reads
/// are unchecked.</para>
/// <para>No block is assembled byte by byte. The second span starts 0..3 bytes into a block (behind the first span's
/// last bytes and the separator); its first 4 chars complete that block, and from there on its blocks are aligned to its
/// chars, so they narrow straight to blocks. The last 0..3 chars of a span come from one read of its last 4 chars
/// (shifted), not a loop. Only a span shorter than 4 chars is read char by char.</para>
/// <para>Every read, of 8 chars or of 4, goes to a vector register and is narrowed by one pack instruction (the scalar
/// shifts and masks that narrowed 4 chars cost about 7 instructions each, and the hash is short enough for instruction
/// count to show), and the ASCII check is one vector OR per read.</para>
/// </remarks>
internal partial struct Murmur3Hasher
{
    private const ulong NonAsciiBits = 0xFF80_FF80_FF80_FF80;

    /// <summary>
    /// Hashes the bytes <c>first || separator || second</c> when both spans are ASCII (so their UTF-8 bytes are their
    /// chars' low bytes). Returns <see langword="false"/> when either holds a non-ASCII char (or the machine has no
    /// 128-bit vectors or is big-endian), and the caller then takes the general path; the hash is the same either way.
    /// </summary>
    /// <remarks>
    /// The second span takes the same steps as in <see cref="TryHashAsciiSuffix"/>, written out here rather than shared:
    /// helpers with <see langword="ref"/> or <see langword="out"/> locals made the JIT keep those locals on the stack (a
    /// store and a load per block), and a call anywhere in the method made it spill the vector in the loop.
    /// </remarks>
    public static bool TryHashAscii(ReadOnlySpan<char> first, byte separator, ReadOnlySpan<char> second, uint seed, out uint hash)
    {
        hash = 0;
        if (!BitConverter.IsLittleEndian || !Vector128.IsHardwareAccelerated)
        {
            return false;
        }

        var seen = Vector128<ushort>.Zero;

        // The first span starts block-aligned.
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(first));
        var length = first.Length;
        var state = seed;
        var i = 0;
        for (; i <= length - 8; i += 8)
        {
            var block = Vector128.LoadUnsafe(ref chars, (nuint)i);
            seen |= block;
            var bytes = NarrowLower(block);
            state = MixBlock(state, (uint)bytes);
            state = MixBlock(state, (uint)(bytes >> 32));
        }

        if (i <= length - 4)
        {
            var block = ReadFourChars(ref chars, i);
            seen |= block;
            state = MixBlock(state, NarrowFour(block));
            i += 4;
        }

        // Its last 0..3 chars, then the separator: 1..4 pending bytes.
        var pendingCount = length - i;
        ulong pending;
        if (length >= 4)
        {
            var last = ReadFourChars(ref chars, length - 4);
            seen |= last;
            pending = (ulong)NarrowFour(last) >> (8 * (4 - pendingCount));
        }
        else
        {
            var shortChars = ReadShortChars(ref chars, length);
            seen |= shortChars;
            pending = NarrowFour(shortChars);
        }

        pending |= (ulong)separator << (8 * pendingCount);
        if (++pendingCount == 4)
        {
            state = MixBlock(state, (uint)pending);
            pending = 0;
            pendingCount = 0;
        }

        // The second span, behind 0..3 pending bytes.
        chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(second));
        length = second.Length;
        if (length >= 4)
        {
            // Its first 4 chars complete the pending block (the excess shifts out of the 32 bits); its blocks then
            // start at char 4 - pendingCount.
            var head = ReadFourChars(ref chars, 0);
            seen |= head;
            state = MixBlock(state, (uint)pending | (NarrowFour(head) << (8 * pendingCount)));
            i = 4 - pendingCount;
            for (; i <= length - 8; i += 8)
            {
                var block = Vector128.LoadUnsafe(ref chars, (nuint)i);
                seen |= block;
                var bytes = NarrowLower(block);
                state = MixBlock(state, (uint)bytes);
                state = MixBlock(state, (uint)(bytes >> 32));
            }

            if (i <= length - 4)
            {
                var block = ReadFourChars(ref chars, i);
                seen |= block;
                state = MixBlock(state, NarrowFour(block));
                i += 4;
            }

            // Its last 0..3 chars, from one read of its last 4.
            pendingCount = length - i;
            var last = ReadFourChars(ref chars, length - 4);
            seen |= last;
            pending = (ulong)NarrowFour(last) >> (8 * (4 - pendingCount));
        }
        else
        {
            // 0..3 chars: with the 0..3 pending bytes, at most one block completes.
            var shortChars = ReadShortChars(ref chars, length);
            seen |= shortChars;
            pending |= (ulong)NarrowFour(shortChars) << (8 * pendingCount);
            pendingCount += length;
            if (pendingCount >= 4)
            {
                state = MixBlock(state, (uint)pending);
                pending >>= 32;
                pendingCount -= 4;
            }
        }

        if ((seen & Vector128.Create(NonAsciiBits).AsUInt16()) != Vector128<ushort>.Zero)
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

    /// <summary>
    /// Hashes <c>first || separator</c> up to the last whole block and keeps the rest pending: the state
    /// <see cref="TryHashAsciiSuffix"/> continues from. False when <paramref name="first"/> holds a non-ASCII char (or
    /// the machine has no 128-bit vectors or is big-endian). Runs once per salt, so it takes the general path.
    /// </summary>
    public static bool TryHashAsciiPrefix(ReadOnlySpan<char> first, byte separator, uint seed, out Murmur3AsciiPrefix prefix)
    {
        prefix = default;
        if (!BitConverter.IsLittleEndian || !Vector128.IsHardwareAccelerated)
        {
            return false;
        }

        foreach (var c in first)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        var state = seed;
        var blockEnd = first.Length & ~3;
        for (var i = 0; i < blockEnd; i += 4)
        {
            state = MixBlock(state, first[i] | ((uint)first[i + 1] << 8) | ((uint)first[i + 2] << 16) | ((uint)first[i + 3] << 24));
        }

        ulong pending = 0;
        var pendingCount = 0;
        for (var i = blockEnd; i < first.Length; i++)
        {
            pending |= (ulong)first[i] << (8 * pendingCount++);
        }

        pending |= (ulong)separator << (8 * pendingCount++);
        if (pendingCount == 4)
        {
            state = MixBlock(state, (uint)pending);
            pending = 0;
            pendingCount = 0;
        }

        prefix = new Murmur3AsciiPrefix(state, pending, pendingCount, (uint)first.Length + 1u);
        return true;
    }

    /// <summary>
    /// Finishes the hash of <c>prefix || second</c>; false when <paramref name="second"/> holds a non-ASCII char (the
    /// caller then takes the general path; the hash is the same either way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryHashAsciiSuffix(in Murmur3AsciiPrefix prefix, ReadOnlySpan<char> second, out uint hash)
    {
        hash = 0;
        var state = prefix.State;
        var pending = prefix.Pending;
        var pendingCount = prefix.PendingCount;
        var seen = Vector128<ushort>.Zero;

        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(second));
        var length = second.Length;
        if (length >= 4)
        {
            // As in TryHashAscii: the first 4 chars complete the pending block, then blocks are aligned to the chars.
            var head = ReadFourChars(ref chars, 0);
            seen |= head;
            state = MixBlock(state, (uint)pending | (NarrowFour(head) << (8 * pendingCount)));
            var i = 4 - pendingCount;
            for (; i <= length - 8; i += 8)
            {
                var block = Vector128.LoadUnsafe(ref chars, (nuint)i);
                seen |= block;
                var bytes = NarrowLower(block);
                state = MixBlock(state, (uint)bytes);
                state = MixBlock(state, (uint)(bytes >> 32));
            }

            if (i <= length - 4)
            {
                var block = ReadFourChars(ref chars, i);
                seen |= block;
                state = MixBlock(state, NarrowFour(block));
                i += 4;
            }

            pendingCount = length - i;
            var last = ReadFourChars(ref chars, length - 4);
            seen |= last;
            pending = (ulong)NarrowFour(last) >> (8 * (4 - pendingCount));
        }
        else
        {
            // 0..3 chars: with the 0..3 pending bytes, at most one block completes.
            var shortChars = ReadShortChars(ref chars, length);
            seen |= shortChars;
            pending |= (ulong)NarrowFour(shortChars) << (8 * pendingCount);
            pendingCount += length;
            if (pendingCount >= 4)
            {
                state = MixBlock(state, (uint)pending);
                pending >>= 32;
                pendingCount -= 4;
            }
        }

        if ((seen & Vector128.Create(NonAsciiBits).AsUInt16()) != Vector128<ushort>.Zero)
        {
            return false;
        }

        if (pendingCount != 0)
        {
            state ^= MixTail((uint)pending);
        }

        hash = Finalize(state, prefix.Length + (uint)second.Length);
        return true;
    }

    /// <summary>The 0..3 chars of a short span in the low lanes, as <see cref="ReadFourChars"/> reads 4 (missing chars zero).</summary>
    /// <remarks>Without a loop or a call, so that the callers keep their vectors in registers across it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> ReadShortChars(ref ushort chars, int length)
    {
        ulong packed = 0;
        if (length > 0)
        {
            packed = chars;
            if (length > 1)
            {
                packed |= (ulong)Unsafe.Add(ref chars, 1) << 16;
                if (length > 2)
                {
                    packed |= (ulong)Unsafe.Add(ref chars, 2) << 32;
                }
            }
        }

        return Vector128.CreateScalar(packed).AsUInt16();
    }

    /// <summary>Four UTF-16 units from <paramref name="index"/> in the low lanes (the others zero): one 8-byte load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> ReadFourChars(ref ushort chars, int index) =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref chars, index)))).AsUInt16();

    /// <summary>The low bytes of the four units in the low lanes, as 4 little-endian bytes (exact for ASCII; other input is discarded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint NarrowFour(Vector128<ushort> chars) => (uint)NarrowLower(chars);

    /// <summary>The low bytes of eight UTF-16 units, as 8 little-endian bytes (exact for ASCII; other input is discarded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NarrowLower(Vector128<ushort> chars)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.PackUnsignedSaturate(chars.AsInt16(), chars.AsInt16()).AsUInt64().ToScalar();
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.ExtractNarrowingLower(chars).AsUInt64().ToScalar();
        }

        return Vector128.Narrow(chars, chars).AsUInt64().ToScalar();
    }
}
