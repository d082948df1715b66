using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace ProgressiveDelivery.Bucketing.Internal;

/// <summary>
/// MurmurHash3 x86 32-bit (Austin Appleby's reference algorithm), one-shot over bytes (<see cref="Hash"/>) or streaming
/// (the instance members). Feeding bytes in any chunking yields the same hash as hashing them in one piece. UTF-16 input
/// is transcoded to UTF-8 through a small stack buffer, so input of any length hashes without allocating or growing
/// the stack.
/// </summary>
internal partial struct Murmur3Hasher
{
    /// <summary>The size of the stack buffer UTF-16 input is transcoded through, in bytes.</summary>
    internal const int ChunkBytes = 256;

    /// <summary>The number of UTF-16 units transcoded per chunk: at most 3 UTF-8 bytes per unit, so a chunk always fits.</summary>
    internal const int ChunkChars = ChunkBytes / 3;

    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    private uint _hash;
    private uint _tail;      // up to 3 pending bytes, little-endian
    private int _tailLength;
    private uint _length;

    public Murmur3Hasher(uint seed)
    {
        _hash = seed;
        _tail = 0;
        _tailLength = 0;
        _length = 0;
    }

    /// <summary>Hashes <paramref name="data"/> in one pass.</summary>
    public static uint Hash(ReadOnlySpan<byte> data, uint seed)
    {
        var hash = seed;
        var blockEnd = data.Length & ~3;
        ref var start = ref MemoryMarshal.GetReference(data);
        for (var i = 0; i < blockEnd; i += 4)
        {
            // In bounds: i + 4 <= blockEnd <= data.Length.
            var block = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i));
            hash = MixBlock(hash, BitConverter.IsLittleEndian ? block : BinaryPrimitives.ReverseEndianness(block));
        }

        uint tail = 0;
        switch (data.Length & 3)
        {
            case 3:
                tail = (uint)data[blockEnd + 2] << 16;
                goto case 2;
            case 2:
                tail |= (uint)data[blockEnd + 1] << 8;
                goto case 1;
            case 1:
                tail |= data[blockEnd];
                hash ^= MixTail(tail);
                break;
        }

        return Finalize(hash, (uint)data.Length);
    }

    public void AppendByte(byte value)
    {
        _tail |= (uint)value << (8 * _tailLength);
        _tailLength++;
        _length++;
        if (_tailLength == 4)
        {
            _hash = MixBlock(_hash, _tail);
            _tail = 0;
            _tailLength = 0;
        }
    }

    public void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        _length += (uint)bytes.Length;

        // Complete a pending partial block first.
        while (_tailLength != 0 && !bytes.IsEmpty)
        {
            _tail |= (uint)bytes[0] << (8 * _tailLength);
            _tailLength++;
            bytes = bytes[1..];
            if (_tailLength == 4)
            {
                _hash = MixBlock(_hash, _tail);
                _tail = 0;
                _tailLength = 0;
            }
        }

        var hash = _hash;
        while (bytes.Length >= 4)
        {
            hash = MixBlock(hash, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
            bytes = bytes[4..];
        }

        _hash = hash;
        for (var i = 0; i < bytes.Length; i++)
        {
            _tail |= (uint)bytes[i] << (8 * _tailLength);
            _tailLength++;
        }
    }

    /// <summary>Appends the UTF-8 encoding of <paramref name="text"/>; unpaired surrogates encode as U+FFFD (EF BF BD).</summary>
    public void AppendUtf8(ReadOnlySpan<char> text)
    {
        Span<byte> buffer = stackalloc byte[ChunkBytes];
        while (!text.IsEmpty)
        {
            var take = Math.Min(text.Length, ChunkChars);
            var isFinal = take == text.Length;

            // Never split a surrogate pair across chunks: keep a trailing high surrogate for the next chunk.
            if (!isFinal && char.IsHighSurrogate(text[take - 1]))
            {
                take--;
            }

            var status = Utf8.FromUtf16(text[..take], buffer, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: true);
            if (status != OperationStatus.Done || read != take)
            {
                throw new InvalidOperationException("UTF-8 transcoding did not consume its chunk."); // unreachable: buffer is large enough
            }

            AppendBytes(buffer[..written]);
            text = text[take..];
        }
    }

    public readonly uint Finish()
    {
        var hash = _hash;
        if (_tailLength != 0)
        {
            hash ^= MixTail(_tail);
        }

        return Finalize(hash, _length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixBlock(uint hash, uint k)
    {
        hash ^= MixTail(k);
        hash = BitOperations.RotateLeft(hash, 13);
        return (hash * 5) + 0xe6546b64;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixTail(uint k)
    {
        k *= C1;
        k = BitOperations.RotateLeft(k, 15);
        return k * C2;
    }

    private static uint Finalize(uint hash, uint length)
    {
        hash ^= length;
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }
}
