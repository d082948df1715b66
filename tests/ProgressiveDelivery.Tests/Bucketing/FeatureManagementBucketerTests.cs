using System;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Tests.Bucketing;

public partial class FeatureManagementBucketerTests
{
    private const string Emoji = "\uD83D\uDE00";

    // Expected values from the independent Python implementation (benchmarks/tools/bucketing_reference.py):
    // first 4 bytes of SHA-256 little-endian, then (m / 4294967295.0) * 100 in IEEE-754 doubles.
    [Theory]
    [InlineData("user-42", "checkout", 54.90930402998564)]
    [InlineData("", "checkout", 95.96513525954568)]
    [InlineData("J\u00FCrgen", "checkout", 52.247318684181046)]
    [InlineData(Emoji, "checkout", 88.2192507591609)]
    [InlineData("user-42", "my-seed", 36.19776310776308)]
    public void GetPercentage_PublishedVector_MatchesIndependentReference(string userId, string hint, double expected) =>
        Assert.Equal(expected, FeatureManagementBucketer.GetPercentage(userId, hint));

    [Fact]
    public void GetPercentage_UnpairedSurrogate_EncodesAsReplacementCharacter()
    {
        // Not an [InlineData] case: attribute blobs cannot carry an unpaired surrogate intact.
        Assert.Equal(41.282233139798564, FeatureManagementBucketer.GetPercentage("a\uD800", "checkout"));
        Assert.Equal(41.282233139798564, FeatureManagementBucketer.GetPercentage("a\uFFFD", "checkout"));
    }

    [Fact]
    public void GetPercentage_HundredThousandCharUserId_MatchesIndependentReference() =>
        Assert.Equal(31.225092576636253, FeatureManagementBucketer.GetPercentage(new string('x', 100_000), "checkout"));

    [Fact]
    public void GetPercentage_LongAsciiUserIdThatFitsTheStackBuffer_MatchesIndependentReference() =>
        Assert.Equal(60.95762109871898, FeatureManagementBucketer.GetPercentage(new string('x', 300), "checkout"));

    [Fact]
    public void GetGroupPercentage_PublishedVector_MatchesIndependentReference() =>
        Assert.Equal(41.87462333167778, FeatureManagementBucketer.GetGroupPercentage("user-42", "checkout", "beta"));

    [Fact]
    public void GetAllocationPercentage_PublishedVector_MatchesIndependentReference() =>
        Assert.Equal(82.14569268332461, FeatureManagementBucketer.GetAllocationPercentage("user-42", "checkout"));

    [Fact]
    public void IsInPercentage_AroundTheUsersPercentage_SwitchesExactlyThere()
    {
        const double Percentage = 54.90930402998564; // of ("user-42", "checkout")

        Assert.False(FeatureManagementBucketer.IsInPercentage("user-42", "checkout", Percentage));
        Assert.True(FeatureManagementBucketer.IsInPercentage("user-42", "checkout", Math.BitIncrement(Percentage)));
        Assert.False(FeatureManagementBucketer.IsInPercentage("user-42", "checkout", 0));
        Assert.True(FeatureManagementBucketer.IsInPercentage("user-42", "checkout", 100));
    }

    [Fact]
    public void IsInRange_UpperBoundHundred_IncludesHundred()
    {
        Assert.True(FeatureManagementBucketer.IsInRange(100, 50, 100));
        Assert.False(FeatureManagementBucketer.IsInRange(50, 0, 50));
        Assert.True(FeatureManagementBucketer.IsInRange(50, 50, 60));
        Assert.False(FeatureManagementBucketer.IsInRange(40, 40, 40));
        Assert.True(FeatureManagementBucketer.IsInRange(0, 0, 100));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.001)]
    [InlineData(100.001)]
    [InlineData(double.PositiveInfinity)]
    public void IsInPercentage_PercentageOutOfRange_Throws(double percentage)
    {
        Assert.Throws<ArgumentOutOfRangeException>("percentage", () => FeatureManagementBucketer.IsInPercentage("u", "f", percentage));
        Assert.Throws<ArgumentOutOfRangeException>("percentage", () => FeatureManagementBucketer.IsInGroupPercentage("u", "f", "g", percentage));
    }

    [Theory]
    [InlineData(double.NaN, 50, "from")]
    [InlineData(-1, 50, "from")]
    [InlineData(0, 101, "to")]
    [InlineData(0, double.NaN, "to")]
    [InlineData(60, 50, "from")]
    public void IsInRange_InvalidBounds_Throws(double from, double to, string parameter) =>
        Assert.Throws<ArgumentOutOfRangeException>(parameter, () => FeatureManagementBucketer.IsInRange(50, from, to));

    [Fact]
    public void GetPercentage_ManyCallsIncludingHugeUserId_AllocateNothing()
    {
        var longId = new string('x', 100_000);
        RunPercentages(longId); // warm up (JIT, tiering, the pool's first rent)
        RunPercentages(longId);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = RunPercentages(longId);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }

    private static double RunPercentages(string longId)
    {
        Span<char> id = stackalloc char[16];
        var sum = 0.0;
        for (var i = 0; i < 2_000; i++)
        {
            i.TryFormat(id, out var written);
            sum += FeatureManagementBucketer.GetPercentage(id[..written], "checkout");
            sum += FeatureManagementBucketer.GetGroupPercentage(id[..written], "checkout", "beta");
            sum += FeatureManagementBucketer.GetAllocationPercentage(id[..written], "checkout");
            sum += FeatureManagementBucketer.IsInPercentage(id[..written], "checkout", 33.3) ? 1 : 0;
        }

        sum += FeatureManagementBucketer.GetPercentage(longId, "checkout");
        sum += FeatureManagementBucketer.GetAllocationPercentage(longId, "checkout");
        return sum;
    }
}
