using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>
/// The rule loop moves one step on after a rule's last condition and skips the rest of a rule after any other failing
/// condition: every position of the failing condition must land on the next rule's first condition.
/// </summary>
public partial class FlagEvaluatorTests
{
    [Theory]
    [InlineData("NL", "pro", 30, "r1")]   // rule 0 fails on its 2nd condition, rule 1 holds whole
    [InlineData("DE", "enterprise", 30, "r1")] // rule 0 fails on its 1st condition: skips 2 steps
    [InlineData("NL", "enterprise", 30, "r0")] // every condition of rule 0 holds
    [InlineData("NL", "enterprise", 10, "r2")] // rule 0 fails on its 3rd (last) condition, rule 1 on its 1st
    [InlineData("DE", "pro", 10, "r2")] // rule 1 fails on its 1st condition (of 2): lands on rule 2, which has no conditions
    public void Evaluate_FailingConditionAtAnyPosition_GoesOnWithTheNextRule(string country, string plan, int age, string expected)
    {
        var evaluator = Evaluator(StringFlag("f", "none", "r0", "r1", "r2").WithRules(
            Rule("r0", Condition("country", ConditionOperator.In, "NL", "BE"), Condition("plan", ConditionOperator.Equals, "enterprise"), Condition("age", ConditionOperator.GreaterThan, "18")),
            Rule("r1", Condition("age", ConditionOperator.GreaterThan, "20"), Condition("plan", ConditionOperator.NotEquals, "free")),
            Rule("r2")));
        var context = new EvaluationContextBuilder("u").Set("country", country).Set("plan", plan).Set("age", age).Build();
        Assert.Equal(expected, evaluator.Evaluate("f", context).Variant);
    }
}
