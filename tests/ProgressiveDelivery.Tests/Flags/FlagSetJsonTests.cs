using System;
using System.IO;
using System.Linq;
using System.Text;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

public partial class FlagSetJsonTests
{
    [Fact]
    public void Parse_FullDocument_ReadsEveryField()
    {
        var result = FlagSetJson.Parse(FlagSetJsonSamples.Full);

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        var set = result.Definitions;
        Assert.Equal(["new-checkout", "checkout-api-v2", "search-ranking", "max-upload-mb", "theme"], set.Flags.Select(f => f.Key));

        var checkout = set.Flags[0];
        Assert.Equal(FlagKind.Release, checkout.Kind);
        Assert.True(checkout.Enabled);
        Assert.Equal("The redesigned checkout flow.", checkout.Description);
        Assert.Equal("payments", checkout.Owner);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), checkout.Created);
        Assert.Equal(TimeSpan.Zero, checkout.Created!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 18, 30, 0, TimeSpan.FromHours(2)), checkout.Expires);
        Assert.Equal(TimeSpan.FromHours(2), checkout.Expires!.Value.Offset);
        Assert.Equal(["checkout", "web"], checkout.Tags);
        Assert.Equal(["on", "off"], checkout.Variants.Select(v => v.Name));
        Assert.Equal([FlagValue.True, FlagValue.False], checkout.Variants.Select(v => v.Value));
        Assert.Equal("off", checkout.OffVariant);
        var prerequisite = Assert.Single(checkout.Prerequisites);
        Assert.Equal("checkout-api-v2", prerequisite.Flag);
        Assert.Equal(["on"], prerequisite.Variants);
        Assert.Equal(2, checkout.Rules.Count);
        var internalStaff = checkout.Rules[0];
        Assert.Equal("internal staff", internalStaff.Name);
        Assert.Equal("on", internalStaff.Variant);
        Assert.Empty(internalStaff.Split);
        Assert.Equal("email", internalStaff.Conditions[0].Attribute);
        Assert.Equal(ConditionOperator.EndsWith, internalStaff.Conditions[0].Operator);
        Assert.Equal(["@contoso.com"], internalStaff.Conditions[0].Values);
        Assert.False(internalStaff.Conditions[0].CaseSensitive);
        Assert.Equal(ConditionOperator.In, internalStaff.Conditions[1].Operator);
        Assert.Equal(["NL", "BE"], internalStaff.Conditions[1].Values);
        Assert.True(internalStaff.Conditions[1].CaseSensitive);
        var beta = checkout.Rules[1];
        Assert.Null(beta.Variant);
        Assert.Equal(string.Empty, beta.Conditions[0].Attribute);
        Assert.Equal(ConditionOperator.InSegment, beta.Conditions[0].Operator);
        Assert.Equal(["beta"], beta.Conditions[0].Values);
        Assert.Equal([("on", 50d), ("off", 50d)], beta.Split.Select(a => (a.Variant, a.Percent)));
        Assert.Null(checkout.DefaultVariant);
        Assert.Equal([("on", 10d), ("off", 90d)], checkout.DefaultSplit.Select(a => (a.Variant, a.Percent)));
        Assert.Equal("new-checkout-2026", checkout.Salt);
        Assert.Null(checkout.BucketBy);

        var api = set.Flags[1];
        Assert.Equal(FlagKind.Ops, api.Kind);
        Assert.False(api.Enabled);
        Assert.Empty(api.Variants);
        Assert.Null(api.Description);
        Assert.Null(api.Created);

        var ranking = set.Flags[2];
        Assert.Equal(FlagKind.Experiment, ranking.Kind);
        Assert.Equal([FlagValue.FromString("bm25"), FlagValue.FromString("neural")], ranking.Variants.Select(v => v.Value));
        Assert.Equal("tenantId", ranking.BucketBy);
        Assert.Equal("control", ranking.DefaultVariant);
        var conditions = ranking.Rules[0].Conditions;
        Assert.Equal(ConditionOperator.SemVerGreaterThanOrEqual, conditions[0].Operator);
        Assert.Equal(["2.4.0"], conditions[0].Values);
        Assert.Equal(["17.5"], conditions[1].Values);
        Assert.Equal(["true"], conditions[2].Values);

        var upload = set.Flags[3];
        Assert.Equal(FlagKind.Permission, upload.Kind);
        Assert.Equal([FlagValue.FromNumber(10), FlagValue.FromNumber(250.5)], upload.Variants.Select(v => v.Value));

        var theme = set.Flags[4];
        Assert.Equal(FlagKind.Release, theme.Kind);
        Assert.Equal(FlagValueKind.Json, theme.Variants[0].Value.Kind);
        Assert.Equal("#fff", theme.Variants[0].Value.AsJson().GetProperty("background").GetString());
        Assert.Equal(0, theme.Variants[1].Value.AsJson().GetProperty("accents").GetArrayLength());

        var segment = Assert.Single(set.Segments);
        Assert.Equal("beta", segment.Key);
        Assert.Equal("Opted-in beta testers.", segment.Description);
        Assert.Equal(["user-1", "user-2"], segment.Included);
        Assert.Equal(["user-3"], segment.Excluded);
        var exists = Assert.Single(segment.Conditions);
        Assert.Equal(("betaOptIn", ConditionOperator.Exists), (exists.Attribute, exists.Operator));
        Assert.Empty(exists.Values);
    }

    [Fact]
    public void Parse_EmptyObject_SucceedsWithEmptySet()
    {
        var result = FlagSetJson.Parse("{}");

        Assert.True(result.Succeeded);
        Assert.Empty(result.Definitions.Flags);
        Assert.Empty(result.Definitions.Segments);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        const string Json = """
            /* appsettings style */
            {
              "flags": {
                // a line comment
                "f": { "tags": ["a", "b",], /* inline */ "enabled": false, },
              },
            }
            """;

        var result = FlagSetJson.Parse(Json);

        Assert.True(result.Succeeded);
        Assert.Equal(["a", "b"], result.Definitions.Flags[0].Tags);
        Assert.False(result.Definitions.Flags[0].Enabled);
    }

    [Fact]
    public void Parse_Utf8BytesWithBom_SameAsString()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FlagSetJsonSamples.Full)).ToArray();

        var result = FlagSetJson.Parse(bytes.AsSpan());

        Assert.True(result.Succeeded);
        Assert.Equal(Describe(FlagSetJsonSamples.Full), FlagSetDescriber.Describe(result.Definitions));
    }

    [Fact]
    public void Parse_Stream_SameAsStringAndLeavesStreamOpen()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FlagSetJsonSamples.Full)).ToArray());

        var result = FlagSetJson.Parse(stream);

        Assert.True(result.Succeeded);
        Assert.Equal(Describe(FlagSetJsonSamples.Full), FlagSetDescriber.Describe(result.Definitions));
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Parse_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("json", () => FlagSetJson.Parse((string)null!));
        Assert.Throws<ArgumentNullException>("utf8Json", () => FlagSetJson.Parse((Stream)null!));
    }

    [Fact]
    public void Parse_RepeatedFlagSegmentAndVariantKeys_KeptInDocumentOrder()
    {
        const string Json = """
            {
              "flags": {
                "f": { "variants": { "a": 1, "a": 2 }, "defaultSplit": { "a": 50, "a": 50 } },
                "g": {},
                "f": { "kind": "ops" }
              },
              "segments": { "s": {}, "s": { "included": ["u"] } }
            }
            """;

        var result = FlagSetJson.Parse(Json);

        Assert.True(result.Succeeded);
        Assert.Equal(["f", "g", "f"], result.Definitions.Flags.Select(f => f.Key));
        Assert.Equal(FlagKind.Ops, result.Definitions.Flags[2].Kind);
        Assert.Equal([("a", 1d), ("a", 2d)], result.Definitions.Flags[0].Variants.Select(v => (v.Name, v.Value.AsNumber())));
        Assert.Equal(2, result.Definitions.Flags[0].DefaultSplit.Count);
        Assert.Equal(["s", "s"], result.Definitions.Segments.Select(s => s.Key));
        Assert.Equal(["u"], result.Definitions.Segments[1].Included);
    }

    [Theory]
    [InlineData("2026-03-31", "2026-03-31T00:00:00.0000000+00:00")]
    [InlineData("2026-03-31T12:30", "2026-03-31T12:30:00.0000000+00:00")]
    [InlineData("2026-03-31T12:30:15Z", "2026-03-31T12:30:15.0000000+00:00")]
    [InlineData("2026-03-31T12:30:15.25-05:00", "2026-03-31T12:30:15.2500000-05:00")]
    public void Parse_Dates_DateOnlyIsMidnightUtcAndOffsetsAreKept(string literal, string expected)
    {
        var result = FlagSetJson.Parse($$"""{ "flags": { "f": { "created": "{{literal}}" } } }""");

        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Definitions.Flags[0].Created!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_NumberOperands_IntegersVerbatimOthersShortestRoundTrip()
    {
        const string Json = """
            { "flags": { "f": {
              "variants": { "a": 1e2, "b": -0.125 },
              "rules": [{ "conditions": [{ "attribute": "n", "operator": "in", "values": [12345678901234567890, -7, 1.50, 1e3, 2.5E-3, false] }], "variant": "a" }]
            } } }
            """;

        var flag = FlagSetJson.Parse(Json).EnsureSucceeded().Flags[0];

        Assert.Equal([100d, -0.125], flag.Variants.Select(v => v.Value.AsNumber()));
        Assert.Equal(["12345678901234567890", "-7", "1.5", "1000", "0.0025", "false"], flag.Rules[0].Conditions[0].Values);
    }

    [Fact]
    public void Parse_EveryOperatorName_IsTheCamelCaseEnumName()
    {
        foreach (var op in Enum.GetValues<ConditionOperator>())
        {
            var name = char.ToLowerInvariant(op.ToString()[0]) + op.ToString()[1..];
            var json = $$"""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "a", "operator": "{{name}}", "value": "x" }], "variant": "on" }] } } }""";

            var result = FlagSetJson.Parse(json);

            Assert.True(result.Succeeded, name);
            Assert.Equal(op, result.Definitions.Flags[0].Rules[0].Conditions[0].Operator);
        }
    }

    [Fact]
    public void Parse_EveryKindName_IsTheCamelCaseEnumName()
    {
        foreach (var kind in Enum.GetValues<FlagKind>())
        {
            var result = FlagSetJson.Parse($$"""{ "flags": { "f": { "kind": "{{kind.ToString().ToLowerInvariant()}}" } } }""");

            Assert.Equal(kind, result.EnsureSucceeded().Flags[0].Kind);
        }
    }

    private static string Describe(string json) => FlagSetDescriber.Describe(FlagSetJson.Parse(json).EnsureSucceeded());
}
