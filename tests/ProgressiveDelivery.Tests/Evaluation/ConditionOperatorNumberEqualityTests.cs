using System.Linq;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>
/// <see cref="ConditionOperator.NumberEquals"/> and <see cref="ConditionOperator.NumberNotEquals"/>: numbers arriving as
/// text (headers, claims, query strings) compared as numbers, read exactly as <c>lessThan</c> reads them.
/// </summary>
public class ConditionOperatorNumberEqualityTests
{
    [Theory]
    [InlineData("12.0", "12", true)]
    [InlineData("12", "12.0", true)]
    [InlineData(" 1.2e1 ", "12", true)]
    [InlineData("+12", "12", true)]
    [InlineData("-0", "0", true)]
    [InlineData("12.000001", "12", false)]
    [InlineData("twelve", "12", false)]
    [InlineData("", "12", false)]
    [InlineData("1,2", "1.2", false)] // invariant: a comma is not a decimal separator
    [InlineData("0x0C", "12", false)]
    public void NumberEquals_StringAttribute_ComparesTheNumber(string attribute, string operand, bool expected)
    {
        var context = new EvaluationContextBuilder("u").Set("n", attribute).Build();

        Assert.Equal(expected, Holds(Condition("n", ConditionOperator.NumberEquals, operand), context));
        Assert.False(Holds(Condition("n", ConditionOperator.Equals, operand), context)); // as text, no row's attribute equals its operand
    }

    [Theory]
    [InlineData(12.0, "12", true, false)]
    [InlineData(12.5, "12", false, true)]
    public void NumberEqualsAndNotEquals_NumberAttribute_AreExactComplements(double attribute, string operand, bool equal, bool notEqual)
    {
        var context = new EvaluationContextBuilder("u").Set("n", attribute).Build();

        Assert.Equal(equal, Holds(Condition("n", ConditionOperator.NumberEquals, operand), context));
        Assert.Equal(notEqual, Holds(Condition("n", ConditionOperator.NumberNotEquals, operand), context));
    }

    [Fact]
    public void NumberNotEquals_AttributeThatIsNoNumber_NeverMatches_LikeEveryNumericOperator()
    {
        var context = new EvaluationContextBuilder("u").Set("text", "abc").Set("flag", true).Set("n", "7").Build();

        Assert.False(Holds(Condition("text", ConditionOperator.NumberNotEquals, "12"), context));
        Assert.False(Holds(Condition("flag", ConditionOperator.NumberNotEquals, "12"), context));
        Assert.False(Holds(Condition("missing", ConditionOperator.NumberNotEquals, "12"), context));
        Assert.True(Holds(Condition("n", ConditionOperator.NumberNotEquals, "12"), context));
    }

    [Fact]
    public void NumberEquals_StringList_HoldsWhenAnyElementIsEqual()
    {
        var context = new EvaluationContextBuilder("u").Set("tiers", ["1.0", "3"]).Build();

        Assert.True(Holds(Condition("tiers", ConditionOperator.NumberEquals, "3.0"), context));
        Assert.False(Holds(Condition("tiers", ConditionOperator.NumberEquals, "2"), context));
    }

    [Fact]
    public void NumberEquals_FromJson_WithANumberOrATextOperand_LoadsAndMatches()
    {
        var snapshot = FlagSnapshot.FromJson("""
            { "flags": { "f": { "variants": { "on": true, "off": false }, "defaultVariant": "off",
              "rules": [ { "conditions": [ { "attribute": "build", "operator": "numberEquals", "value": 12 } ], "variant": "on" },
                         { "conditions": [ { "attribute": "build", "operator": "numberNotEquals", "value": "7" } ], "variant": "off" } ] } } }
            """);
        var evaluator = new FlagEvaluator(snapshot);

        Assert.True(evaluator.IsEnabled("f", new EvaluationContextBuilder("u").Set("build", "12.0").Build()));
        Assert.False(evaluator.IsEnabled("f", new EvaluationContextBuilder("u").Set("build", "13").Build()));
    }

    [Theory]
    [InlineData(ConditionOperator.NumberEquals)]
    [InlineData(ConditionOperator.NumberNotEquals)]
    public void TryCompile_NumberEqualityWithTextOperandOrSeveralValues_ReportsWhere(ConditionOperator op)
    {
        var notANumber = BooleanFlag("f").WithRules(Rule("on", Condition("n", op, "twelve")));
        Assert.False(FlagSnapshot.TryCompile(Set(notANumber), out _, out var errors));
        Assert.Equal(("$.flags['f'].rules[0].conditions[0].values[0]", DefinitionErrorCodes.InvalidNumber), (errors.Single().Path, errors.Single().Code));

        var several = BooleanFlag("f").WithRules(Rule("on", Condition("n", op, "1", "2")));
        Assert.False(FlagSnapshot.TryCompile(Set(several), out _, out errors));
        Assert.Equal(("$.flags['f'].rules[0].conditions[0].values", DefinitionErrorCodes.InvalidValues), (errors[0].Path, errors[0].Code));
    }
}
