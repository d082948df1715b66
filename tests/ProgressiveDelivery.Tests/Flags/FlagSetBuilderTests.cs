using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

public class FlagSetBuilderTests
{
    [Fact]
    public void Build_FullSample_SameModelAsJson()
    {
        var set = new FlagSetBuilder()
            .Flag("new-checkout", f => f
                .Kind(FlagKind.Release)
                .Description("The redesigned checkout flow.")
                .Owner("payments")
                .Created(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero))
                .Expires(new DateTimeOffset(2026, 6, 30, 18, 30, 0, TimeSpan.FromHours(2)))
                .Tags("checkout", "web")
                .Variants(("on", true), ("off", false))
                .OffVariant("off")
                .Prerequisite("checkout-api-v2", "on")
                .Rule(r => r
                    .Named("internal staff")
                    .WhereIgnoreCase("email", ConditionOperator.EndsWith, "@contoso.com")
                    .Where("country", ConditionOperator.In, "NL", "BE")
                    .Serve("on"))
                .Rule(r => r.Named("beta testers").InSegment("beta").Split(("on", 50), ("off", 50)))
                .DefaultSplit(("on", 10), ("off", 90))
                .Salt("new-checkout-2026"))
            .Flag("checkout-api-v2", f => f.Kind(FlagKind.Ops).Enabled(false))
            .Flag("search-ranking", f => f
                .Kind(FlagKind.Experiment)
                .Variants(("control", "bm25"), ("treatment", "neural"))
                .BucketBy("tenantId")
                .Rule(r => r
                    .Where("appVersion", ConditionOperator.SemVerGreaterThanOrEqual, "2.4.0")
                    .Where("age", ConditionOperator.GreaterThan, 17.5)
                    .Where("beta", ConditionOperator.Equals, "true")
                    .Split(("control", 50), ("treatment", 50)))
                .DefaultVariant("control"))
            .Flag("max-upload-mb", f => f
                .Kind(FlagKind.Permission)
                .Variants(("small", 10), ("large", 250.5))
                .Rule(r => r.Where("plan", ConditionOperator.Equals, "pro").Serve("large"))
                .DefaultVariant("small"))
            .Flag("theme", f => f
                .JsonVariant("light", """{ "background": "#fff", "accents": ["blue"] }""")
                .JsonVariant("dark", """{"background":"#000","accents":[]}""")
                .DefaultVariant("light"))
            .Segment("beta", s => s
                .Description("Opted-in beta testers.")
                .Include("user-1", "user-2")
                .Exclude("user-3")
                .Exists("betaOptIn"))
            .Build();

        var fromJson = FlagSetJson.Parse(FlagSetJsonSamples.Full).EnsureSucceeded();
        Assert.Equal(FlagSetDescriber.Describe(fromJson), FlagSetDescriber.Describe(set));
    }

    [Fact]
    public void Build_IssueExample_ProducesExpectedModel()
    {
        var set = new FlagSetBuilder()
            .Segment("beta", s => s.Include("user-1").Where("email", ConditionOperator.EndsWith, "@contoso.com"))
            .Flag("new-checkout", f => f
                .Kind(FlagKind.Release).Owner("payments")
                .BooleanVariants()
                .Rule(r => r.Named("internal").Where("country", ConditionOperator.In, "NL", "BE").Serve("on"))
                .Rule(r => r.InSegment("beta").Split(("on", 50), ("off", 50)))
                .DefaultSplit(("on", 10), ("off", 90)))
            .Build();

        const string Json = """
            {
              "segments": { "beta": { "included": ["user-1"], "conditions": [{ "attribute": "email", "operator": "endsWith", "value": "@contoso.com" }] } },
              "flags": {
                "new-checkout": {
                  "owner": "payments",
                  "variants": { "on": true, "off": false },
                  "rules": [
                    { "name": "internal", "conditions": [{ "attribute": "country", "operator": "in", "values": ["NL", "BE"] }], "variant": "on" },
                    { "conditions": [{ "operator": "inSegment", "values": ["beta"] }], "split": { "on": 50, "off": 50 } }
                  ],
                  "defaultSplit": { "on": 10, "off": 90 }
                }
              }
            }
            """;
        Assert.Equal(FlagSetDescriber.Describe(FlagSetJson.Parse(Json).EnsureSucceeded()), FlagSetDescriber.Describe(set));
    }

    [Fact]
    public void Variant_TypedHelpers_ProduceTypedValues()
    {
        using var document = JsonDocument.Parse("[1, 2]");
        var flag = new FlagSetBuilder()
            .Flag("f", f => f
                .Variant("b", true)
                .Variant("s", "text")
                .Variant("n", 1.5)
                .Variant("j", document.RootElement)
                .Variant("v", FlagValue.FromString("x")))
            .Build().Flags[0];

        Assert.Equal(
            [FlagValueKind.Boolean, FlagValueKind.String, FlagValueKind.Number, FlagValueKind.Json, FlagValueKind.String],
            flag.Variants.Select(v => v.Value.Kind));
        Assert.Equal(2, flag.Variants[3].Value.AsJson().GetArrayLength());
    }

    [Fact]
    public void Where_Numbers_AreWrittenInInvariantCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var condition = new FlagSetBuilder()
                .Flag("f", f => f.Rule(r => r.Where("n", ConditionOperator.In, 0.5, 1e21, -3).Serve("on")))
                .Build().Flags[0].Rules[0].Conditions[0];

            Assert.Equal(["0.5", "1E+21", "-3"], condition.Values);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Split_CalledTwice_ReplacesTheArms()
    {
        var flag = new FlagSetBuilder()
            .Flag("f", f => f
                .DefaultSplit(("on", 50), ("off", 50))
                .DefaultSplit(("on", 1), ("off", 99))
                .Rule(r => r.Split(("on", 50), ("off", 50)).Split(("on", 100))))
            .Build().Flags[0];

        Assert.Equal([("on", 1d), ("off", 99d)], flag.DefaultSplit.Select(a => (a.Variant, a.Percent)));
        Assert.Equal([("on", 100d)], flag.Rules[0].Split.Select(a => (a.Variant, a.Percent)));
    }

    [Fact]
    public void Flag_RepeatedKey_KeptForTheCompiler()
    {
        var set = new FlagSetBuilder().Flag("f", _ => { }).Flag("f", _ => { }).Build();

        Assert.Equal(["f", "f"], set.Flags.Select(f => f.Key));
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new FlagSetBuilder();
        builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Throws<InvalidOperationException>(() => builder.Flag("f", _ => { }));
        Assert.Throws<InvalidOperationException>(() => builder.Segment("s", _ => { }));
    }

    [Fact]
    public void FlagSetBuilder_InvalidArguments_Throw()
    {
        var builder = new FlagSetBuilder();

        Assert.Throws<ArgumentNullException>("key", () => builder.Flag(null!, _ => { }));
        Assert.Throws<ArgumentException>("key", () => builder.Flag(string.Empty, _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => builder.Flag("f", null!));
        Assert.Throws<ArgumentException>("key", () => builder.Segment(string.Empty, _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => builder.Segment("s", null!));
    }

    [Fact]
    public void FlagBuilder_InvalidArguments_Throw()
    {
        void Check<TException>(string parameter, Action<FlagBuilder> configure)
            where TException : ArgumentException =>
            Assert.Throws<TException>(parameter, () => new FlagSetBuilder().Flag("f", configure));

        Check<ArgumentOutOfRangeException>("kind", f => f.Kind((FlagKind)42));
        Check<ArgumentNullException>("description", f => f.Description(null!));
        Check<ArgumentException>("variant", f => f.OffVariant(string.Empty));
        Check<ArgumentException>("variant", f => f.DefaultVariant(string.Empty));
        Check<ArgumentException>("flag", f => f.Prerequisite(string.Empty));
        Check<ArgumentException>("variants", f => f.Prerequisite("g", "on", null!));
        Check<ArgumentNullException>("configure", f => f.Rule(null!));
        Check<ArgumentException>("arms", f => f.DefaultSplit());
        Check<ArgumentException>("arms", f => f.DefaultSplit((string.Empty, 100)));
        Check<ArgumentOutOfRangeException>("arms", f => f.DefaultSplit(("on", double.NaN)));
        Check<ArgumentException>("salt", f => f.Salt(string.Empty));
        Check<ArgumentException>("attribute", f => f.BucketBy(string.Empty));
        Check<ArgumentException>("owner", f => f.Owner(string.Empty));
        Check<ArgumentException>("tags", f => f.Tags("a", string.Empty));
        Check<ArgumentException>("name", f => f.Variant(string.Empty, true));
        Check<ArgumentNullException>("value", f => f.Variant("s", (string)null!));
        Check<ArgumentOutOfRangeException>("value", f => f.Variant("n", double.PositiveInfinity));
        Check<ArgumentException>("value", f => f.Variant("v", default(FlagValue)));
        Check<ArgumentException>("json", f => f.JsonVariant("j", "{ not json"));
        Check<ArgumentException>("value", f => f.JsonVariant("j", "42"));
        Check<ArgumentNullException>("variants", f => f.Variants(((string, bool)[])null!));
    }

    [Fact]
    public void RuleAndSegmentBuilders_InvalidArguments_Throw()
    {
        void Rule<TException>(string parameter, Action<RuleBuilder> configure)
            where TException : ArgumentException =>
            Assert.Throws<TException>(parameter, () => new FlagSetBuilder().Flag("f", f => f.Rule(configure)));
        void Segment<TException>(string parameter, Action<SegmentBuilder> configure)
            where TException : ArgumentException =>
            Assert.Throws<TException>(parameter, () => new FlagSetBuilder().Segment("s", configure));

        Rule<ArgumentException>("name", r => r.Named(string.Empty));
        Rule<ArgumentException>("attribute", r => r.Where(string.Empty, ConditionOperator.Equals, "x"));
        Rule<ArgumentOutOfRangeException>("operator", r => r.Where("a", (ConditionOperator)99, "x"));
        Rule<ArgumentException>("values", r => r.Where("a", ConditionOperator.Equals, Array.Empty<string>()));
        Rule<ArgumentException>("values", r => r.Where("a", ConditionOperator.In, "x", null!));
        Rule<ArgumentOutOfRangeException>("values", r => r.Where("a", ConditionOperator.LessThan, double.NaN));
        Rule<ArgumentNullException>("attribute", r => r.Exists(null!));
        Rule<ArgumentException>("segments", r => r.InSegment());
        Rule<ArgumentException>("segments", r => r.NotInSegment(string.Empty));
        Rule<ArgumentNullException>("variant", r => r.Serve(null!));
        Rule<ArgumentException>("arms", r => r.Split());
        Segment<ArgumentNullException>("description", s => s.Description(null!));
        Segment<ArgumentException>("keys", s => s.Include(string.Empty));
        Segment<ArgumentNullException>("keys", s => s.Exclude(null!));
        Segment<ArgumentException>("attribute", s => s.WhereIgnoreCase(string.Empty, ConditionOperator.Contains, "x"));
        Segment<ArgumentException>("values", s => s.Where("a", ConditionOperator.Contains, Array.Empty<string>()));
    }
}
