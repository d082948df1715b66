using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text.Unicode;

namespace ProgressiveDelivery.Bucketing.Internal;

/// <summary>
/// Streaming MurmurHash3 x86 32-bit (Austin Appleby's reference algorithm). Feeding bytes in any chunking yields the
/// same hash as hashing them in one piece. UTF-16 input is transcoded to UTF-8 through a small stack buffer, so input
/// of any length hashes without allocating or growing the stack.
/// </summary>
internal struct Murmur3Hasher
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;
    private const int ChunkBytes = 256;

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

    public void AppendByte(byte value)
    {
        _tail |= (uint)value << (8 * _tailLength);
        _tailLength++;
        _length++;
        if (_tailLength == 4)
        {
            MixBlock(_tail);
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
                MixBlock(_tail);
                _tail = 0;
                _tailLength = 0;
            }
        }

        while (bytes.Length >= 4)
        {
            MixBlock(BinaryPrimitives.ReadUInt32LittleEndian(bytes));
            bytes = bytes[4..];
        }

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
            // At most 3 bytes per UTF-16 unit, so a chunk of ChunkBytes / 3 chars always fits.
            var take = Math.Min(text.Length, ChunkBytes / 3);
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
            var k = _tail * C1;
            k = BitOperations.RotateLeft(k, 15);
            k *= C2;
            hash ^= k;
        }

        hash ^= _length;
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }

    private void MixBlock(uint k)
    {
        k *= C1;
        k = BitOperations.RotateLeft(k, 15);
        k *= C2;
        _hash ^= k;
        _hash = BitOperations.RotateLeft(_hash, 13);
        _hash = (_hash * 5) + 0xe6546b64;
    }
}
