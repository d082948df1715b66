using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Tests.Evaluation;

public class SemanticVersionTests
{
    // The precedence example of semver.org §11, in ascending order.
    private static readonly string[] Ascending =
    [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
        "1.0.1", "1.1.0", "2.0.0", "2.1.0", "2.1.1", "10.0.0",
    ];

    [Fact]
    public void TryCompareText_SemVerOrgExampleList_IsStrictlyAscending()
    {
        for (var i = 0; i < Ascending.Length; i++)
        {
            Assert.True(SemanticVersion.TryParse(Ascending[i], out var version), Ascending[i]);
            for (var j = 0; j < Ascending.Length; j++)
            {
                Assert.True(version.TryCompareText(Ascending[j], out var comparison));
                Assert.Equal(j.CompareTo(i), comparison);
            }
        }
    }

    [Theory]
    [InlineData("1.0.0+build.1", "1.0.0+build.2")]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("V1.2.3-rc.1", "1.2.3-rc.1+sha.5114f85")]
    public void TryCompareText_BuildMetadataAndLeadingV_AreIgnored(string left, string right)
    {
        Assert.True(SemanticVersion.TryParse(left, out var version));
        Assert.True(version.TryCompareText(right, out var comparison));
        Assert.Equal(0, comparison);
    }

    [Theory]
    [InlineData("1.0.0-2", "1.0.0-10")]
    [InlineData("1.0.0-99999999999999999999998", "1.0.0-99999999999999999999999")]
    [InlineData("1.0.0-999", "1.0.0-a")]
    [InlineData("1.0.0-A", "1.0.0-a")]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.0")]
    [InlineData("18446744073709551614.0.0", "18446744073709551615.0.0")]
    public void TryCompareText_Identifiers_OrderNumericallyThenAscii(string lower, string higher)
    {
        Assert.True(SemanticVersion.TryParse(higher, out var version));
        Assert.True(version.TryCompareText(lower, out var comparison));
        Assert.Equal(-1, comparison);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3-a_b")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3+a..b")]
    [InlineData(" 1.2.3")]
    [InlineData("vv1.2.3")]
    [InlineData("1.2.-3")]
    [InlineData("18446744073709551616.0.0")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(SemanticVersion.TryParse(text, out _));

    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.2.3-0")]
    [InlineData("1.2.3-0a")]
    [InlineData("1.2.3-x-y.-")]
    [InlineData("1.2.3+001")]
    public void TryParse_WellFormed_ReturnsTrue(string text) => Assert.True(SemanticVersion.TryParse(text, out _));

    [Theory]
    [InlineData("3.9.1", true, 3UL)]
    [InlineData("v12.0.0", true, 12UL)]
    [InlineData("V0", true, 0UL)]
    [InlineData("4.x", true, 4UL)]
    [InlineData("1234567890123456789.0.0", true, 1234567890123456789UL)]
    [InlineData("12345678901234567890.0.0", false, 0UL)]
    [InlineData("", false, 0UL)]
    [InlineData("v", false, 0UL)]
    [InlineData("vv1.0.0", false, 0UL)]
    [InlineData(".1.0", false, 0UL)]
    public void TryReadMajor_LeadingNumber_ReadWithoutValidatingTheRest(string text, bool expected, ulong major)
    {
        Assert.Equal(expected, SemanticVersion.TryReadMajor(text, out var read));
        if (expected)
        {
            Assert.Equal(major, read);
        }
    }
}
