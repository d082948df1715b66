using System;
using System.Linq;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Evaluation;

public class FlagSnapshotJsonTests
{
    private const string Valid = """
        {
          "flags": {
            "new-checkout": {
              "variants": { "on": true, "off": false },
              "rules": [ { "conditions": [ { "attribute": "country", "operator": "in", "values": ["NL", "BE"] } ], "variant": "on" } ],
              "defaultVariant": "off"
            }
          }
        }
        """;

    [Fact]
    public void TryFromJson_StructuralAndSemanticErrors_ReportsBothWithPaths()
    {
        // One structural error (unknown operator) and two semantic ones (unknown variant, weights) in one document.
        const string json = """
            {
              "flags": {
                "a": {
                  "variants": { "on": true, "off": false },
                  "rules": [ { "conditions": [ { "attribute": "plan", "operator": "equalz", "value": "pro" } ], "variant": "onn" } ],
                  "defaultSplit": { "on": 10, "off": 80 }
                }
              }
            }
            """;

        Assert.False(FlagSnapshot.TryFromJson(json, out var snapshot, out var errors));
        Assert.Null(snapshot);
        var pairs = errors.Select(e => (e.Path, e.Code)).ToArray();
        Assert.Contains(("$.flags['a'].rules[0].conditions[0].operator", DefinitionErrorCodes.UnknownOperator), pairs);
        Assert.Contains(("$.flags['a'].rules[0].variant", DefinitionErrorCodes.UnknownVariant), pairs);
        Assert.Contains(("$.flags['a'].defaultSplit", DefinitionErrorCodes.InvalidWeights), pairs);
        Assert.Equal(pairs.Length, pairs.Select(p => p.Path).Distinct().Count());
    }

    [Fact]
    public void TryFromJson_MissingAttribute_ReportedOnce()
    {
        const string json = """{ "flags": { "a": { "rules": [ { "conditions": [ { "operator": "equals", "value": "x" } ], "variant": "on" } ] } } }""";

        Assert.False(FlagSnapshot.TryFromJson(json, out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal("$.flags['a'].rules[0].conditions[0].attribute", error.Path);
    }

    [Fact]
    public void FromJson_InvalidJson_ThrowsWithPosition()
    {
        var exception = Assert.Throws<DefinitionException>(() => FlagSnapshot.FromJson("{ \"flags\": { "));
        Assert.Equal(DefinitionErrorCodes.InvalidJson, exception.Errors[0].Code);
    }

    [Fact]
    public void TryUpdateFromJson_BadReload_KeepsPreviousDefinitions()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.FromJson(Valid));
        var dutch = new EvaluationContextBuilder("u1").Set("country", "NL").Build();
        Assert.True(evaluator.IsEnabled("new-checkout", dutch));

        var broken = Valid.Replace("\"variant\": \"on\"", "\"variant\": \"onn\"", StringComparison.Ordinal);
        Assert.False(evaluator.TryUpdateFromJson(broken, out var errors));

        Assert.Equal(DefinitionErrorCodes.UnknownVariant, Assert.Single(errors).Code);
        Assert.True(evaluator.IsEnabled("new-checkout", dutch));
    }

    [Fact]
    public void TryUpdateFromJson_GoodReload_Swaps()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.FromJson(Valid));
        var dutch = new EvaluationContextBuilder("u1").Set("country", "NL").Build();

        Assert.True(evaluator.TryUpdateFromJson(Valid.Replace("\"NL\", ", string.Empty, StringComparison.Ordinal), out var errors));

        Assert.Empty(errors);
        Assert.False(evaluator.IsEnabled("new-checkout", dutch));
    }

    [Fact]
    public void TryGetVariantValue_KnownAndUnknown()
    {
        var snapshot = FlagSnapshot.FromJson("""{ "flags": { "color": { "variants": { "red": "#f00", "blue": "#00f" }, "defaultVariant": "red" } } }""");

        Assert.True(snapshot.TryGetVariantValue("color", "blue", out var blue));
        Assert.Equal("#00f", blue.AsString());
        Assert.False(snapshot.TryGetVariantValue("color", "green", out _));
        Assert.False(snapshot.TryGetVariantValue("shape", "blue", out _));
        Assert.Throws<ArgumentNullException>(() => snapshot.TryGetVariantValue(null!, "blue", out _));
    }
}
