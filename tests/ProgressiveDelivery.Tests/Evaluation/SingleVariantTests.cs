using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>
/// <see cref="FlagSnapshot.TryGetSingleVariant"/>, checked against what evaluation actually serves: every flag is evaluated
/// for 3,000 units with and without the attribute its rules test, and "one variant" must mean exactly that variant was
/// served to all of them.
/// </summary>
public class SingleVariantTests
{
    private const string Bool = "\"variants\": { \"on\": true, \"off\": false }";

    [Theory]
    [InlineData("{ " + Bool + ", \"defaultVariant\": \"on\" }", "on")]
    [InlineData("{ " + Bool + ", \"enabled\": false, \"defaultVariant\": \"on\" }", "off")]
    [InlineData("{ \"variants\": { \"a\": 1, \"b\": 2 }, \"offVariant\": \"b\", \"enabled\": false, \"defaultVariant\": \"a\" }", "b")]
    [InlineData("{ " + Bool + ", \"defaultSplit\": { \"on\": 100, \"off\": 0 } }", "on")]
    [InlineData("{ " + Bool + ", \"defaultVariant\": \"on\", \"rules\": [ { \"conditions\": [ { \"attribute\": \"plan\", \"operator\": \"equals\", \"value\": \"beta\" } ], \"variant\": \"on\" } ] }", "on")]
    [InlineData("{ " + Bool + ", \"defaultVariant\": \"off\", \"rules\": [ { \"conditions\": [], \"split\": { \"on\": 0, \"off\": 100 } } ] }", "off")]
    [InlineData("{ " + Bool + ", \"defaultVariant\": \"off\", \"rules\": [ { \"conditions\": [], \"variant\": \"on\" } ] }", "on")]
    [InlineData("{ " + Bool + ", \"defaultSplit\": { \"on\": 50, \"off\": 50 } }", null)]
    [InlineData("{ " + Bool + ", \"defaultSplit\": { \"on\": 1, \"off\": 99 } }", null)]
    [InlineData("{ " + Bool + ", \"defaultVariant\": \"off\", \"rules\": [ { \"conditions\": [ { \"attribute\": \"plan\", \"operator\": \"equals\", \"value\": \"beta\" } ], \"variant\": \"on\" } ] }", null)]
    public void TryGetSingleVariant_AgreesWithWhatEvaluationServes(string flagJson, string? expected)
    {
        var snapshot = FlagSnapshot.FromJson($$"""{ "flags": { "f": {{flagJson}} } }""");

        var single = snapshot.TryGetSingleVariant("f", out var variant);

        Assert.Equal(expected is not null, single);
        Assert.Equal(expected, variant);
        var served = Served(new FlagEvaluator(snapshot), "f");
        Assert.Equal(single ? 1 : 2, served.Count);
        if (single)
        {
            Assert.Contains(variant!, served);
        }
    }

    [Fact]
    public void TryGetSingleVariant_Prerequisite_CountsTheOffVariant_EvenWhenItNeverFailsInPractice()
    {
        // Conservative by design: "dep" could be changed to fail at any time, so "f" is not called single-variant.
        var snapshot = FlagSnapshot.FromJson($$"""
            { "flags": {
                "dep": { {{Bool}}, "defaultVariant": "on" },
                "f": { {{Bool}}, "prerequisites": [ { "flag": "dep", "variants": [ "on" ] } ], "defaultVariant": "on" } } }
            """);

        Assert.False(snapshot.TryGetSingleVariant("f", out _));
        Assert.Equal(["on"], Served(new FlagEvaluator(snapshot), "f"));
        Assert.True(snapshot.TryGetSingleVariant("dep", out var dep));
        Assert.Equal("on", dep);
    }

    [Theory]
    [InlineData(0, "old")]
    [InlineData(10_000, "new")]
    [InlineData(500, null)]
    [InlineData(1, null)]
    public void TryGetSingleVariant_SplitOverride_IsWhatCounts(int canaryBasisPoints, string? expected)
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.FromJson("""{ "flags": { "f": { "variants": { "old": 1, "new": 2 }, "defaultVariant": "old" } } }"""));
        evaluator.SetSplitOverride(new SplitOverride("f", "new", "old", canaryBasisPoints));

        var single = evaluator.Snapshot.TryGetSingleVariant("f", out var variant);

        Assert.Equal(expected, single ? variant : null);
        var served = Served(evaluator, "f");
        if (single)
        {
            Assert.Equal([variant!], served);
        }
        else if (canaryBasisPoints >= 100)
        {
            Assert.Equal(2, served.Count); // at 0.01% none of 3,000 units may be a canary; the structure still serves both
        }
    }

    [Theory]
    [InlineData("""{ "feature_management": { "feature_flags": [ { "id": "f", "enabled": true } ] } }""", "on")]
    [InlineData("""{ "feature_management": { "feature_flags": [ { "id": "f", "enabled": false } ] } }""", "off")]
    [InlineData("""{ "FeatureManagement": { "f": true } }""", "on")]
    [InlineData("""{ "FeatureManagement": { "f": { "EnabledFor": [ { "Name": "Microsoft.Percentage", "Parameters": { "Value": 30 } }, { "Name": "AlwaysOn" } ] } } }""", "on")]
    [InlineData("""{ "FeatureManagement": { "f": { "EnabledFor": [ { "Name": "Microsoft.Percentage", "Parameters": { "Value": 30 } } ] } } }""", null)]
    public void TryGetSingleVariant_FeatureManagementFeature_AgreesWithWhatEvaluationServes(string json, string? expected)
    {
        var features = FeatureManagementFlags.Parse(json);
        Assert.Empty(features.Errors);
        Assert.True(FlagSnapshot.Empty.TryAdd(features, out var snapshot, out var errors), string.Join("; ", errors));

        var single = snapshot.TryGetSingleVariant("f", out var variant);

        Assert.Equal(expected, single ? variant : null);
        var served = Served(new FlagEvaluator(snapshot), "f");
        Assert.Equal(single ? 1 : 2, served.Count);
        if (single)
        {
            Assert.Contains(variant!, served);
        }
    }

    [Fact]
    public void TryGetSingleVariant_UnknownFlag_IsFalse()
    {
        Assert.False(FlagSnapshot.Empty.TryGetSingleVariant("missing", out var variant));
        Assert.Null(variant);
    }

    private static HashSet<string> Served(FlagEvaluator evaluator, string key)
    {
        var served = new HashSet<string>();
        foreach (var plan in new[] { null, "beta", "free" })
        {
            for (var i = 0; i < 1_000; i++)
            {
                var builder = new EvaluationContextBuilder($"user-{i}");
                if (plan is not null)
                {
                    builder.Set("plan", plan);
                }

                served.Add(evaluator.Evaluate(key, builder.Build()).Variant!);
            }
        }

        return served;
    }
}
