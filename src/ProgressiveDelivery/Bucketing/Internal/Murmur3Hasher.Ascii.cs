using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ProgressiveDelivery.Bucketing.Internal;

/// <summary>The ASCII fast path: hashes UTF-16 text straight from the chars, with no transcoding buffer.</summary>
internal partial struct Murmur3Hasher
{
    /// <summary>
    /// Hashes the bytes <c>first || separator || second</c> when both spans are ASCII (so their UTF-8 bytes are their
    /// chars' low bytes). Returns <see langword="false"/> when either holds a non-ASCII char (or the machine has no
    /// 128-bit vectors or is big-endian), and the caller then takes the general path; the hash is the same either way.
    /// </summary>
    /// <remarks>
    /// Whether the chars are ASCII is checked once at the end rather than per block: a non-ASCII char only makes this
    /// method discard the hash it computed. Every read is inside its span (the loop bounds guarantee it), so the loops
    /// read without bounds checks.
    /// </remarks>
    public static bool TryHashAscii(ReadOnlySpan<char> first, byte separator, ReadOnlySpan<char> second, uint seed, out uint hash)
    {
        hash = 0;
        if (!BitConverter.IsLittleEndian || !Vector128.IsHardwareAccelerated)
        {
            return false;
        }

        var state = seed;
        var seenVector = Vector128<ushort>.Zero;
        ulong seenScalar = 0;

        // The first span starts block-aligned: eight chars narrow to two whole blocks.
        ref var firstChars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(first));
        var i = 0;
        for (; i <= first.Length - 8; i += 8)
        {
            var chars = Vector128.LoadUnsafe(ref firstChars, (nuint)i);
            seenVector |= chars;
            var bytes = NarrowLower(chars);
            state = MixBlock(state, (uint)bytes);
            state = MixBlock(state, (uint)(bytes >> 32));
        }

        if (i <= first.Length - 4)
        {
            var chars = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref firstChars, i)));
            seenScalar |= chars;
            state = MixBlock(state, NarrowLower(chars));
            i += 4;
        }

        // Its last 0..3 chars and the separator: up to 4 pending bytes.
        ulong pending = 0;
        var pendingCount = 0;
        for (; i < first.Length; i++)
        {
            var c = Unsafe.Add(ref firstChars, i);
            seenScalar |= c;
            pending |= (ulong)c << (8 * pendingCount++);
        }

        pending |= (ulong)separator << (8 * pendingCount++);
        if (pendingCount == 4)
        {
            state = MixBlock(state, (uint)pending);
            pending = 0;
            pendingCount = 0;
        }

        // The second span starts pendingCount (0..3) bytes into a block: shift each narrowed block in behind them.
        ref var secondChars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(second));
        var shift = 8 * pendingCount;
        i = 0;
        for (; i <= second.Length - 8; i += 8)
        {
            var chars = Vector128.LoadUnsafe(ref secondChars, (nuint)i);
            seenVector |= chars;
            var bytes = NarrowLower(chars);
            pending |= (ulong)(uint)bytes << shift;
            state = MixBlock(state, (uint)pending);
            pending = (pending >> 32) | ((bytes >> 32) << shift);
            state = MixBlock(state, (uint)pending);
            pending >>= 32;
        }

        if (i <= second.Length - 4)
        {
            var chars = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref secondChars, i)));
            seenScalar |= chars;
            pending |= (ulong)NarrowLower(chars) << shift;
            state = MixBlock(state, (uint)pending);
            pending >>= 32;
            i += 4;
        }

        for (; i < second.Length; i++)
        {
            var c = Unsafe.Add(ref secondChars, i);
            seenScalar |= c;
            pending |= (ulong)c << (8 * pendingCount);
            if (++pendingCount == 4)
            {
                state = MixBlock(state, (uint)pending);
                pending = 0;
                pendingCount = 0;
            }
        }

        if (((seenScalar | seenVector.AsUInt64().GetElement(0) | seenVector.AsUInt64().GetElement(1)) & 0xFF80_FF80_FF80_FF80) != 0)
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

    // The two halves below are the same steps as TryHashAscii, split at the separator so that a salt can be hashed once
    // (Bucketer.TryCreateSaltPrefix) and each unit only from there on. TryHashAscii itself stays one pass: it is
    // Bucketer.GetBucket's hot path, and one run measured it at 1.52x the raw hash when built from these two halves.

    /// <summary>
    /// Hashes <c>first || separator</c> up to the last whole block and keeps the rest pending: the state
    /// <see cref="TryHashAsciiSuffix"/> continues from. False when <paramref name="first"/> holds a non-ASCII char (or
    /// the machine has no 128-bit vectors or is big-endian).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryHashAsciiPrefix(ReadOnlySpan<char> first, byte separator, uint seed, out Murmur3AsciiPrefix prefix)
    {
        prefix = default;
        if (!BitConverter.IsLittleEndian || !Vector128.IsHardwareAccelerated)
        {
            return false;
        }

        var state = seed;
        var seenVector = Vector128<ushort>.Zero;
        ulong seenScalar = 0;

        // The first span starts block-aligned: eight chars narrow to two whole blocks.
        ref var firstChars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(first));
        var i = 0;
        for (; i <= first.Length - 8; i += 8)
        {
            var chars = Vector128.LoadUnsafe(ref firstChars, (nuint)i);
            seenVector |= chars;
            var bytes = NarrowLower(chars);
            state = MixBlock(state, (uint)bytes);
            state = MixBlock(state, (uint)(bytes >> 32));
        }

        if (i <= first.Length - 4)
        {
            var chars = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref firstChars, i)));
            seenScalar |= chars;
            state = MixBlock(state, NarrowLower(chars));
            i += 4;
        }

        // Its last 0..3 chars and the separator: up to 4 pending bytes.
        ulong pending = 0;
        var pendingCount = 0;
        for (; i < first.Length; i++)
        {
            var c = Unsafe.Add(ref firstChars, i);
            seenScalar |= c;
            pending |= (ulong)c << (8 * pendingCount++);
        }

        pending |= (ulong)separator << (8 * pendingCount++);
        if (pendingCount == 4)
        {
            state = MixBlock(state, (uint)pending);
            pending = 0;
            pendingCount = 0;
        }

        if (((seenScalar | seenVector.AsUInt64().GetElement(0) | seenVector.AsUInt64().GetElement(1)) & 0xFF80_FF80_FF80_FF80) != 0)
        {
            return false;
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
        var seenVector = Vector128<ushort>.Zero;
        ulong seenScalar = 0;

        // The second span starts pendingCount (0..3) bytes into a block: shift each narrowed block in behind them.
        ref var secondChars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(second));
        var shift = 8 * pendingCount;
        var i = 0;
        for (; i <= second.Length - 8; i += 8)
        {
            var chars = Vector128.LoadUnsafe(ref secondChars, (nuint)i);
            seenVector |= chars;
            var bytes = NarrowLower(chars);
            pending |= (ulong)(uint)bytes << shift;
            state = MixBlock(state, (uint)pending);
            pending = (pending >> 32) | ((bytes >> 32) << shift);
            state = MixBlock(state, (uint)pending);
            pending >>= 32;
        }

        if (i <= second.Length - 4)
        {
            var chars = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref secondChars, i)));
            seenScalar |= chars;
            pending |= (ulong)NarrowLower(chars) << shift;
            state = MixBlock(state, (uint)pending);
            pending >>= 32;
            i += 4;
        }

        for (; i < second.Length; i++)
        {
            var c = Unsafe.Add(ref secondChars, i);
            seenScalar |= c;
            pending |= (ulong)c << (8 * pendingCount);
            if (++pendingCount == 4)
            {
                state = MixBlock(state, (uint)pending);
                pending = 0;
                pendingCount = 0;
            }
        }

        if (((seenScalar | seenVector.AsUInt64().GetElement(0) | seenVector.AsUInt64().GetElement(1)) & 0xFF80_FF80_FF80_FF80) != 0)
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

    /// <summary>The low bytes of four UTF-16 units read as one little-endian <see cref="ulong"/> (exact for ASCII).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint NarrowLower(ulong chars)
    {
        // Lanes 00 c3 00 c2 00 c1 00 c0 -> bytes c3 c2 c1 c0.
        var paired = chars | (chars >> 8);
        return ((uint)paired & 0xFFFF) | ((uint)(paired >> 16) & 0xFFFF_0000);
    }

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
