using System;
using System.Text;
using System.Threading;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Tests.Bucketing;

public partial class BucketerTests
{
    private const string Emoji = "\uD83D\uDE00"; // U+1F600, one surrogate pair, 4 UTF-8 bytes
    private const string Euro = "\u20AC";        // 3 UTF-8 bytes

    // The published vectors of docs/bucketing.md. Expected values come from the independent Python implementation
    // (benchmarks/tools/bucketing_reference.py), never from this library.
    private static readonly Vector[] Vectors =
    [
        new("empty salt, empty id", "", "", 1, 0xFD6CF10D, 9899),
        new("empty id", "checkout", "", 9, 0xDA2E63E7, 8522),
        new("ASCII", "checkout", "user-42", 16, 0x37B22A1A, 2175),
        new("ASCII, other salt", "new-search", "user-42", 18, 0x327C0A9C, 1972),
        new("separator a:b + c", "a:b", "c", 5, 0xCD3B12CA, 8016),
        new("separator a + b:c", "a", "b:c", 5, 0x7E7081FF, 4939),
        new("Latin-1", "checkout", "\u00FC", 11, 0x11B50FBA, 691),
        new("CJK", "checkout", "\u7528\u6237", 15, 0x21B3248C, 1316),
        new("emoji", "checkout", Emoji, 13, 0x9F37C007, 6219),
        new("unpaired high surrogate", "checkout", "a\uD800b", 14, 0x344F6AA7, 2043),
        new("unpaired low surrogate", "checkout", "\uDC00", 12, 0x9C55DC21, 6106),
        new("pair split between salt and id", "checkout\uD83D", "\uDE00x", 16, 0xAEB536FA, 6824),
        new("85 ASCII chars", new string('s', 40), new string('u', 45), 86, 0xD618CBB5, 8363),
        new("pair straddles the 85-char chunk", "checkout", new string('a', 84) + Emoji + new string('z', 16), 113, 0x4E03E72B, 3047),
        new("unpaired high at a chunk end", "checkout", new string('a', 84) + "\uD800b", 97, 0xFF149885, 9964),
        new("100 emoji", "checkout", Repeat(Emoji, 100), 409, 0xEB492706, 9190),
        new("pair on UTF-8 bytes 254..257", "checkout", Repeat(Euro, 84) + "\u00E9" + Emoji + "z", 268, 0x5F4E61ED, 3722),
        new("170 euro signs", "checkout", Repeat(Euro, 170), 519, 0x7C9C0C63, 4867),
        new("512 input bytes", "checkout", new string('x', 503), 512, 0xF5B86F64, 9598),
        new("513 input bytes", "checkout", new string('x', 504), 513, 0x7172981A, 4431),
        new("100,000-char id", "checkout", new string('x', 100_000), 100_009, 0x728861BC, 4473),
    ];

    public static TheoryData<string> VectorNames
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var vector in Vectors)
            {
                names.Add(vector.Case);
            }

            return names;
        }
    }

    [Fact]
    public void Vectors_CoverAtLeastTenPublishedCases() => Assert.True(Vectors.Length >= 10);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Hash_PublishedVector_MatchesIndependentReference(string name)
    {
        var vector = Find(name);

        // The input is what the vector says it is (guards the C# spelling of the Python input).
        Assert.Equal(vector.Utf8Bytes, Encoding.UTF8.GetByteCount(vector.Salt) + 1 + Encoding.UTF8.GetByteCount(vector.UnitId));

        Assert.Equal(vector.Hash, Bucketer.Hash(vector.Salt, vector.UnitId));
        Assert.Equal(vector.Bucket, Bucketer.ToBucket(vector.Hash));
        Assert.Equal(vector.Bucket, Bucketer.GetBucket(vector.Salt, vector.UnitId));
    }

    [Fact]
    public void Hash_SeparatorByte_DistinguishesWhereSaltEnds() =>
        Assert.NotEqual(Bucketer.Hash("a:b", "c"), Bucketer.Hash("a", "b:c"));

    [Fact]
    public void Hash_RandomTextOfAnyLength_EqualsMurmurOfIndependentUtf8Encoding()
    {
        // Chunking invariance: the single-buffer path (<= 512 bytes) and the streamed path (longer) both equal one
        // MurmurHash3 pass over the bytes produced by an independent encoder (Encoding.UTF8, same U+FFFD rule).
        var random = new Random(424242);
        char[] alphabet = ['a', 'Z', '0', '\u00E9', '\u20AC', '\u7528', '\uD83D', '\uDE00', '\uD800', '\uDC00'];
        for (var length = 0; length <= 1400; length += 1 + random.Next(9))
        {
            var text = RandomText(random, alphabet, length);
            var saltLength = random.Next(0, Math.Min(length, 40) + 1);
            var salt = text.AsSpan(0, saltLength);
            var unitId = text.AsSpan(saltLength);

            var bytes = new byte[Encoding.UTF8.GetByteCount(salt) + 1 + Encoding.UTF8.GetByteCount(unitId)];
            var saltBytes = Encoding.UTF8.GetBytes(salt, bytes);
            bytes[saltBytes] = 0xFF;
            Encoding.UTF8.GetBytes(unitId, bytes.AsSpan(saltBytes + 1));

            Assert.Equal(ReferenceMurmur3(bytes), Bucketer.Hash(salt, unitId));
        }
    }

    [Fact]
    public void Hash_AsciiTextOfAnyLengthAndAlignment_EqualsMurmurOfIndependentUtf8Encoding()
    {
        // The ASCII path packs chars into blocks across the salt/separator/id seams; cover every alignment.
        var random = new Random(99);
        char[] alphabet = ['a', 'z', '0', '-', '~', '\u007F', '\0'];
        for (var saltLength = 0; saltLength <= 20; saltLength++)
        {
            for (var idLength = 0; idLength <= 80; idLength++)
            {
                var salt = RandomText(random, alphabet, saltLength);
                var unitId = RandomText(random, alphabet, idLength);
                Assert.Equal(ReferenceMurmur3([.. Encoding.UTF8.GetBytes(salt), 0xFF, .. Encoding.UTF8.GetBytes(unitId)]), Bucketer.Hash(salt, unitId));

                // The same text with one non-ASCII char at the end of the id leaves the ASCII path late.
                var mixed = unitId + "\u0080";
                Assert.Equal(ReferenceMurmur3([.. Encoding.UTF8.GetBytes(salt), 0xFF, .. Encoding.UTF8.GetBytes(mixed)]), Bucketer.Hash(salt, mixed));
            }
        }
    }

    [Fact]
    public void GetBucketAfterPrefix_SaltHashedOnce_SameBucketsAsIndependentEncoding()
    {
        // Flags hash their salt at compile time and each unit from there on: every alignment of the seam, and an id
        // that leaves the ASCII path, must give the bucket of the one-pass definition.
        var random = new Random(7);
        char[] alphabet = ['a', 'z', '0', '-', '~', '\u007F', '\0'];
        for (var saltLength = 0; saltLength <= 20; saltLength++)
        {
            var salt = RandomText(random, alphabet, saltLength);
            Assert.True(Bucketer.TryCreateSaltPrefix(salt, out var prefix));
            for (var idLength = 0; idLength <= 80; idLength++)
            {
                var unitId = RandomText(random, alphabet, idLength);
                var expected = Bucketer.ToBucket(ReferenceMurmur3([.. Encoding.UTF8.GetBytes(salt), 0xFF, .. Encoding.UTF8.GetBytes(unitId)]));
                Assert.Equal(expected, Bucketer.GetBucketAfterPrefix(prefix, salt, unitId));

                var mixed = unitId + Euro;
                expected = Bucketer.ToBucket(ReferenceMurmur3([.. Encoding.UTF8.GetBytes(salt), 0xFF, .. Encoding.UTF8.GetBytes(mixed)]));
                Assert.Equal(expected, Bucketer.GetBucketAfterPrefix(prefix, salt, mixed));
            }
        }

        Assert.False(Bucketer.TryCreateSaltPrefix("salt" + Euro, out _));
    }

    [Fact]
    public void Hash_OneNonAsciiCharAnywhere_EqualsMurmurOfIndependentUtf8Encoding()
    {
        // A single non-ASCII char at any position of the salt or the id must send the hash down the UTF-8 path.
        for (var length = 1; length <= 40; length++)
        {
            for (var position = 0; position < length; position++)
            {
                var chars = new string('k', length).ToCharArray();
                chars[position] = '\u00E9';
                var text = new string(chars);
                Assert.Equal(ReferenceMurmur3([.. Encoding.UTF8.GetBytes(text), 0xFF, .. "user-1"u8]), Bucketer.Hash(text, "user-1"));
                Assert.Equal(ReferenceMurmur3([.. "salt"u8, 0xFF, .. Encoding.UTF8.GetBytes(text)]), Bucketer.Hash("salt", text));
            }
        }
    }

    [Fact]
    public void GetBucket_ManyCallsIncludingHugeId_AllocateNothing()
    {
        var longId = new string('x', 100_000);
        var longUnicodeId = Repeat(Emoji, 5_000);
        RunGetBuckets(longId, longUnicodeId); // warm up (JIT, tiering)
        RunGetBuckets(longId, longUnicodeId);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var checksum = RunGetBuckets(longId, longUnicodeId);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    [Fact]
    public void GetBucket_HugeIdOnSmallStack_DoesNotOverflow()
    {
        // 10 million chars (30 MB of UTF-8 for the euro signs) on a thread with a 128 KiB stack: the stack use is bounded.
        var hugeAscii = new string('x', 10_000_000);
        var hugeEuro = new string('\u20AC', 1_000_000);
        int asciiBucket = -1, euroBucket = -1;
        var thread = new Thread(
            () =>
            {
                asciiBucket = Bucketer.GetBucket("checkout", hugeAscii);
                euroBucket = Bucketer.GetBucket("checkout", hugeEuro);
            },
            maxStackSize: 128 * 1024);
        thread.Start();
        thread.Join();

        Assert.InRange(asciiBucket, 0, Bucketer.BucketCount - 1);
        Assert.InRange(euroBucket, 0, Bucketer.BucketCount - 1);
    }

    [Fact]
    public void ToBucket_Extremes_MapToFirstAndLastBucket()
    {
        Assert.Equal(0, Bucketer.ToBucket(0));
        Assert.Equal(Bucketer.BucketCount - 1, Bucketer.ToBucket(uint.MaxValue));
    }

    [Fact]
    public void ToBucket_BucketBoundaries_AreFloorOfHashTimesTenThousandOverTwoToThe32()
    {
        // Bucket k starts at hash ceil(k * 2^32 / 10000), computed here in decimal arithmetic.
        for (var k = 1; k < Bucketer.BucketCount; k += 37)
        {
            var start = (uint)decimal.Ceiling(k * 4294967296m / 10000m);
            Assert.Equal(k, Bucketer.ToBucket(start));
            Assert.Equal(k - 1, Bucketer.ToBucket(start - 1));
        }
    }

    [Fact]
    public void IsInRollout_ZeroAndFullRollout_IncludeNobodyAndEverybody()
    {
        for (var bucket = 0; bucket < Bucketer.BucketCount; bucket++)
        {
            Assert.False(Bucketer.IsInRollout(bucket, 0));
            Assert.True(Bucketer.IsInRollout(bucket, Bucketer.BucketCount));
        }
    }

    [Theory]
    [InlineData(-1, 50)]
    [InlineData(10_000, 50)]
    [InlineData(0, -1)]
    [InlineData(0, 10_001)]
    [InlineData(int.MinValue, int.MaxValue)]
    public void IsInRollout_OutOfRange_Throws(int bucket, int basisPoints) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Bucketer.IsInRollout(bucket, basisPoints));

    private static int RunGetBuckets(string longId, string longUnicodeId)
    {
        Span<char> id = stackalloc char[16];
        var checksum = 0;
        for (var i = 0; i < 10_000; i++)
        {
            i.TryFormat(id, out var written);
            checksum += Bucketer.GetBucket("checkout", id[..written]);
            checksum += Bucketer.GetBucket("checkout-\u00FC", id[..written]);
        }

        checksum += Bucketer.GetBucket("checkout", longId);
        checksum += Bucketer.GetBucket("checkout", longUnicodeId);
        checksum += Bucketer.GetBucket("checkout", "a\uD800b");
        return checksum;
    }

    private static Vector Find(string name)
    {
        foreach (var vector in Vectors)
        {
            if (vector.Case == name)
            {
                return vector;
            }
        }

        throw new ArgumentException("No such vector: " + name, nameof(name));
    }

    private static string Repeat(string value, int count)
    {
        var builder = new StringBuilder(value.Length * count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(value);
        }

        return builder.ToString();
    }

    private static string RandomText(Random random, char[] alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    // A deliberately plain MurmurHash3_x86_32 written from the published algorithm, independent of the library's.
    private static uint ReferenceMurmur3(byte[] data)
    {
        uint h = 0;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = (uint)(data[4 * i] | (data[(4 * i) + 1] << 8) | (data[(4 * i) + 2] << 16) | (data[(4 * i) + 3] << 24));
            k *= 0xcc9e2d51;
            k = (k << 15) | (k >> 17);
            k *= 0x1b873593;
            h ^= k;
            h = (h << 13) | (h >> 19);
            h = (h * 5) + 0xe6546b64;
        }

        uint tail = 0;
        for (var i = data.Length - 1; i >= blocks * 4; i--)
        {
            tail = (tail << 8) | data[i];
        }

        if (data.Length % 4 != 0)
        {
            tail *= 0xcc9e2d51;
            tail = (tail << 15) | (tail >> 17);
            tail *= 0x1b873593;
            h ^= tail;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    private sealed record Vector(string Case, string Salt, string UnitId, int Utf8Bytes, uint Hash, int Bucket);
}
