using System;
using System.Buffers;
using System.Linq;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

public partial class FlagSetJsonTests
{
    [Fact]
    public void Write_FullDocument_RoundTrips()
    {
        var original = FlagSetJson.Parse(FlagSetJsonSamples.Full).EnsureSucceeded();

        var written = FlagSetJson.Write(original);
        var reread = FlagSetJson.Parse(written);

        Assert.Empty(reread.Errors);
        Assert.Equal(FlagSetDescriber.Describe(original), FlagSetDescriber.Describe(reread.Definitions));
    }

    [Fact]
    public void Write_RepeatedKeysAndOddValues_RoundTrip()
    {
        var set = new FlagSet();
        var flag = new FlagDefinition { Key = "f", Kind = FlagKind.Experiment, Description = string.Empty, Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromMinutes(-330)) };
        flag.Variants.Add(new VariantDefinition("x", FlagValue.FromNumber(0.1)));
        flag.Variants.Add(new VariantDefinition("x", FlagValue.FromNumber(-1e-7)));
        flag.DefaultSplit.Add(new WeightedVariant("x", 33.33));
        flag.DefaultSplit.Add(new WeightedVariant("x", 66.67));
        var rule = new RuleDefinition { Variant = "x" };
        var condition = new ConditionDefinition { Attribute = "a'b", Operator = ConditionOperator.NotIn, CaseSensitive = false };
        condition.Values.Add("it's \"quoted\" <b>&amp;</b> é 🙂");
        condition.Values.Add(string.Empty);
        rule.Conditions.Add(condition);
        flag.Rules.Add(rule);
        set.Flags.Add(flag);
        set.Flags.Add(new FlagDefinition { Key = "f", Enabled = false, Expires = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero) });
        set.Segments.Add(new SegmentDefinition { Key = "empty" });

        var reread = FlagSetJson.Parse(FlagSetJson.Write(set));

        Assert.Empty(reread.Errors);
        Assert.Equal(FlagSetDescriber.Describe(set), FlagSetDescriber.Describe(reread.Definitions));
    }

    [Fact]
    public void Write_MinimalFlag_LeavesDefaultsOutButKindAndEnabled()
    {
        var set = new FlagSet();
        set.Flags.Add(new FlagDefinition { Key = "f" });
        set.Flags[0].Rules.Add(new RuleDefinition { Variant = "on" });

        var json = FlagSetJson.Write(set);

        Assert.Equal(
            """
            {
              "flags": {
                "f": {
                  "kind": "release",
                  "enabled": true,
                  "rules": [
                    {
                      "conditions": [],
                      "variant": "on"
                    }
                  ]
                }
              }
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_DatesAndText_AreReadable()
    {
        var set = new FlagSet();
        set.Flags.Add(new FlagDefinition
        {
            Key = "f",
            Owner = "équipe+1 <ops>",
            Created = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero),
            Expires = new DateTimeOffset(2026, 6, 30, 18, 30, 0, TimeSpan.FromHours(2)),
        });

        var json = FlagSetJson.Write(set);

        Assert.Contains("\"owner\": \"équipe+1 <ops>\"", json, StringComparison.Ordinal);
        Assert.Contains("\"created\": \"2026-03-02\"", json, StringComparison.Ordinal);
        Assert.Contains("\"expires\": \"2026-06-30T18:30:00+02:00\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ToUtf8JsonWriter_WritesOneValue()
    {
        var set = FlagSetJson.Parse(FlagSetJsonSamples.Full).EnsureSucceeded();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("definitions");
            FlagSetJson.Write(set, writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var inner = FlagSetJson.Parse(document.RootElement.GetProperty("definitions").GetRawText());
        Assert.Equal(FlagSetDescriber.Describe(set), FlagSetDescriber.Describe(inner.EnsureSucceeded()));
    }

    [Fact]
    public void Write_InvalidDefinitions_WritesWhatReadingReports()
    {
        var set = new FlagSet();
        set.Flags.Add(null!);
        var flag = new FlagDefinition { Key = "f" };
        flag.Variants.Add(new VariantDefinition { Name = "empty" });
        flag.Rules.Add(null!);
        flag.DefaultSplit.Add(new WeightedVariant("on", double.NaN));
        flag.Tags.Add(null!);
        set.Flags.Add(flag);

        var reread = FlagSetJson.Parse(FlagSetJson.Write(set));

        Assert.Equal(
            ["$.flags['f'].variants['empty']", "$.flags['f'].defaultSplit['on']", "$.flags['f'].tags[0]"],
            reread.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Write_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("definitions", () => FlagSetJson.Write(null!));
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());
        Assert.Throws<ArgumentNullException>("definitions", () => FlagSetJson.Write(null!, writer));
        Assert.Throws<ArgumentNullException>("writer", () => FlagSetJson.Write(new FlagSet(), null!));
    }
}
