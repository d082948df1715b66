using System.Text;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Tests.Bucketing;

public partial class BucketerTests
{
    // Chars whose low byte is ASCII or whose narrowing saturates: a path that looked at low bytes only, or at one
    // lane of a read, would take them for ASCII.
    private static readonly char[] NonAsciiTraps = ['\u0080', '\u00FF', '\u0100', '\u0141', '\u2061', '\uFF41', '\uD800', '\uDC00'];

    [Fact]
    public void Hash_OneNonAsciiCharAtEveryPositionOfShortSpans_EqualsMurmurOfIndependentUtf8Encoding()
    {
        // The ASCII path reads the first and last 4 chars of a span as single loads and spans under 4 chars one by one;
        // a non-ASCII char in any of those places, at every seam alignment, must still give the UTF-8 definition.
        for (var saltLength = 0; saltLength <= 9; saltLength++)
        {
            for (var idLength = 0; idLength <= 13; idLength++)
            {
                var salt = AsciiText(saltLength, 'a');
                var unitId = AsciiText(idLength, 'K');
                foreach (var trap in NonAsciiTraps)
                {
                    for (var position = 0; position < saltLength; position++)
                    {
                        var bad = With(salt, position, trap);
                        Assert.Equal(ReferenceMurmur3(Utf8Input(bad, unitId)), Bucketer.Hash(bad, unitId));
                    }

                    for (var position = 0; position < idLength; position++)
                    {
                        var bad = With(unitId, position, trap);
                        Assert.Equal(ReferenceMurmur3(Utf8Input(salt, bad)), Bucketer.Hash(salt, bad));
                        Assert.True(Bucketer.TryCreateSaltPrefix(salt, out var prefix));
                        Assert.Equal(Bucketer.ToBucket(ReferenceMurmur3(Utf8Input(salt, bad))), Bucketer.GetBucketAfterPrefix(prefix, salt, bad));
                    }
                }
            }
        }
    }

    [Fact]
    public void Hash_AsciiSpansOfEveryShortLength_EqualMurmurOfIndependentUtf8Encoding()
    {
        // Distinct chars at every position, so that a byte read from the wrong place (or a missing one) changes the hash.
        for (var saltLength = 0; saltLength <= 9; saltLength++)
        {
            for (var idLength = 0; idLength <= 13; idLength++)
            {
                var salt = AsciiText(saltLength, 'a');
                var unitId = AsciiText(idLength, '0');
                var expected = ReferenceMurmur3(Utf8Input(salt, unitId));
                Assert.Equal(expected, Bucketer.Hash(salt, unitId));
                Assert.True(Bucketer.TryCreateSaltPrefix(salt, out var prefix));
                Assert.Equal(Bucketer.ToBucket(expected), Bucketer.GetBucketAfterPrefix(prefix, salt, unitId));
            }
        }
    }

    private static string AsciiText(int length, char first)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)(first + i);
        }

        return new string(chars);
    }

    private static string With(string text, int position, char c)
    {
        var chars = text.ToCharArray();
        chars[position] = c;
        return new string(chars);
    }

    private static byte[] Utf8Input(string salt, string unitId) =>
        [.. Encoding.UTF8.GetBytes(salt), 0xFF, .. Encoding.UTF8.GetBytes(unitId)];
}
