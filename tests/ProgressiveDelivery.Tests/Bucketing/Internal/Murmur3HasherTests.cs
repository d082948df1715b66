using System;
using System.Text;
using ProgressiveDelivery.Bucketing.Internal;

namespace ProgressiveDelivery.Tests.Bucketing.Internal;

public class Murmur3HasherTests
{
    // Published MurmurHash3_x86_32 vectors (input as hex, seed, expected), as used by many independent test suites
    // (SMHasher ports, Bitcoin Core, murmurhash-js); also checked by benchmarks/tools/bucketing_reference.py.
    public static TheoryData<string, uint, uint> PublishedVectors => new()
    {
        { "", 0x00000000, 0x00000000 },
        { "", 0x00000001, 0x514E28B7 },
        { "", 0xFFFFFFFF, 0x81F16F39 },
        { "ffffffff", 0, 0x76293B50 },
        { "21436587", 0, 0xF55B516B },
        { "21436587", 0x5082EDEE, 0x2362F9DE },
        { "214365", 0, 0x7E4A8634 },
        { "2143", 0, 0xA0F7B07A },
        { "21", 0, 0x72661CF4 },
        { "00000000", 0, 0x2362F9DE },
        { "000000", 0, 0x85F0B427 },
        { "0000", 0, 0x30F4C306 },
        { "00", 0, 0x514E28B7 },
    };

    public static TheoryData<string, uint, uint> PublishedTextVectors => new()
    {
        { "a", 0, 0x3C2569B2 },
        { "abc", 0, 0xB3DD93FA },
        { "abcd", 0, 0x43ED676A },
        { "hello", 0, 0x248BFA47 },
        { "test", 0, 0xBA6BD213 },
        { "Hello, world!", 0, 0xC0363E43 },
        { "The quick brown fox jumps over the lazy dog", 0, 0x2E4FF723 },
        { "a", 0x9747B28C, 0x7FA09EA6 },
        { "aa", 0x9747B28C, 0x5D211726 },
        { "aaa", 0x9747B28C, 0x283E0130 },
        { "aaaa", 0x9747B28C, 0x5A97808A },
        { "abc", 0x9747B28C, 0xC84A62DD },
        { "abcd", 0x9747B28C, 0xF0478627 },
        { "Hello, world!", 0x9747B28C, 0x24884CBA },
        { "The quick brown fox jumps over the lazy dog", 0x9747B28C, 0x2FA826CD },
    };

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    public void Hash_PublishedByteVector_MatchesReference(string hex, uint seed, uint expected)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.Equal(expected, Murmur3Hasher.Hash(bytes, seed));
        Assert.Equal(expected, HashStreaming(bytes, seed, chunk: 1));
    }

    [Theory]
    [MemberData(nameof(PublishedTextVectors))]
    public void AppendUtf8_PublishedTextVector_MatchesReference(string text, uint seed, uint expected)
    {
        var hasher = new Murmur3Hasher(seed);
        hasher.AppendUtf8(text);

        Assert.Equal(expected, hasher.Finish());
        Assert.Equal(expected, Murmur3Hasher.Hash(Encoding.UTF8.GetBytes(text), seed));
    }

    [Fact]
    public void Hash_SmhasherVerificationTest_MatchesPublishedValue()
    {
        // SMHasher's VerificationTest: hash bytes {0, 1, ..., n-1} with seed 256 - n for n = 0..255, concatenate the
        // hashes little-endian, hash that with seed 0. Published value for MurmurHash3_x86_32: 0xB0F57EE3.
        var key = new byte[256];
        var hashes = new byte[256 * 4];
        for (var n = 0; n < 256; n++)
        {
            key[n] = (byte)n;
            BitConverter.TryWriteBytes(hashes.AsSpan(n * 4), Murmur3Hasher.Hash(key.AsSpan(0, n), (uint)(256 - n)));
        }

        Assert.True(BitConverter.IsLittleEndian);
        Assert.Equal(0xB0F57EE3u, Murmur3Hasher.Hash(hashes, 0));
    }

    [Fact]
    public void AppendBytes_AnyChunking_EqualsOneShot()
    {
        var random = new Random(20261121);
        for (var length = 0; length <= 300; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            var seed = (uint)random.Next();
            var expected = Murmur3Hasher.Hash(bytes, seed);

            for (var chunk = 1; chunk <= 9; chunk++)
            {
                Assert.Equal(expected, HashStreaming(bytes, seed, chunk));
            }

            Assert.Equal(expected, HashRandomChunks(bytes, seed, random));
        }
    }

    [Fact]
    public void AppendUtf8_TextWithSurrogatesAcrossChunks_EqualsHashOfEncodingUtf8()
    {
        // Encoding.UTF8 is an independent encoder with the same replacement rule (unpaired surrogate -> U+FFFD).
        var random = new Random(7);
        char[] alphabet = ['a', 'é', '€', '\uD83D', '\uDE00', '\uD800', '\uDC00', '\u7528'];
        for (var length = 0; length <= 600; length += 7)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var hasher = new Murmur3Hasher(0);
            hasher.AppendUtf8(chars);

            Assert.Equal(Murmur3Hasher.Hash(Encoding.UTF8.GetBytes(chars), 0), hasher.Finish());
        }
    }

    [Fact]
    public void AppendUtf8_SurrogatePairOnEveryChunkBoundary_EncodesPairsWhole()
    {
        for (var prefix = Murmur3Hasher.ChunkChars - 3; prefix <= Murmur3Hasher.ChunkChars + 1; prefix++)
        {
            var text = new string('a', prefix) + string.Concat(Repeat("\uD83D\uDE00", 200));
            var hasher = new Murmur3Hasher(0);
            hasher.AppendUtf8(text);

            Assert.Equal(Murmur3Hasher.Hash(Encoding.UTF8.GetBytes(text), 0), hasher.Finish());
        }
    }

    private static string[] Repeat(string value, int count)
    {
        var result = new string[count];
        Array.Fill(result, value);
        return result;
    }

    private static uint HashStreaming(byte[] bytes, uint seed, int chunk)
    {
        var hasher = new Murmur3Hasher(seed);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            var piece = bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset));
            if (piece.Length == 1)
            {
                hasher.AppendByte(piece[0]);
            }
            else
            {
                hasher.AppendBytes(piece);
            }
        }

        return hasher.Finish();
    }

    private static uint HashRandomChunks(byte[] bytes, uint seed, Random random)
    {
        var hasher = new Murmur3Hasher(seed);
        var offset = 0;
        while (offset < bytes.Length)
        {
            var take = Math.Min(random.Next(0, 70), bytes.Length - offset);
            hasher.AppendBytes(bytes.AsSpan(offset, take));
            offset += take;
        }

        return hasher.Finish();
    }
}
