using System;
using System.Globalization;
using System.Threading.Tasks;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>
/// Conditions find attributes through process-wide name ids (<see cref="AttributeNameTable"/>) that contexts and
/// snapshots get at different times: the answer must never depend on which came first, or on whether a name got an id.
/// </summary>
public partial class FlagEvaluatorTests
{
    [Fact]
    public void Evaluate_ContextBuiltBeforeSnapshotSwap_MatchesRulesOnNamesTheNewSnapshotIntroduced()
    {
        var name = UniqueName("swap");
        var context = new EvaluationContextBuilder("user-1").Set("country", "NL").Set(name, "yes").Set("age", 40).Build();
        var evaluator = Evaluator(StringFlag("f", "a", "b").WithRules(Rule("b", Condition("other", ConditionOperator.Equals, "x"))));
        Assert.Equal("a", evaluator.Evaluate("f", context).Variant);

        evaluator.Update(FlagSnapshot.Compile(Set(StringFlag("f", "a", "b")
            .WithRules(Rule("b", Condition(name, ConditionOperator.Equals, "yes"), Condition("age", ConditionOperator.GreaterThan, "30"))))));

        var evaluation = evaluator.Evaluate("f", context);
        Assert.Equal("b", evaluation.Variant);
        Assert.Equal(0, evaluation.RuleIndex);
    }

    [Fact]
    public void Evaluate_ContextNamesFirstSeenAfterSnapshotCompiled_MatchesAndMissesAsBefore()
    {
        var name = UniqueName("late");
        var evaluator = Evaluator(StringFlag("f", "a", "b", "c").WithRules(
            Rule("b", Condition(name, ConditionOperator.In, "p", "q", "r")),
            Rule("c", Condition(name, ConditionOperator.Exists))));
        var later = UniqueName("later");

        Assert.Equal("b", evaluator.Evaluate("f", new EvaluationContextBuilder("u").Set(later, 1).Set(name, "r").Build()).Variant);
        Assert.Equal("c", evaluator.Evaluate("f", new EvaluationContextBuilder("u").Set(name, "s").Set(later, 1).Build()).Variant);
        Assert.Equal("a", evaluator.Evaluate("f", new EvaluationContextBuilder("u").Set(later, "r").Build()).Variant);
        Assert.Equal("a", evaluator.Evaluate("f", EvaluationContext.ForUnit("u")).Variant);
    }

    [Fact]
    public void Evaluate_MoreDistinctNamesThanTheTableHolds_EveryRuleStillFindsItsAttribute()
    {
        // Twice the table's capacity of fresh names: some get ids, the rest (at the latest) none.
        var names = new string[AttributeNameTable.Capacity * 2];
        var rules = new RuleDefinition[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = UniqueName("n" + i.ToString(CultureInfo.InvariantCulture));
            rules[i] = Rule("hit", Condition(names[i], ConditionOperator.LessThan, "10"), Condition(names[i], ConditionOperator.GreaterThan, "5"));
        }

        var evaluator = Evaluator(StringFlag("f", "miss", "hit").WithRules(rules));
        for (var target = 0; target < names.Length; target += 7)
        {
            // Every name set, in reverse, all out of range but the target's: only the target's rule may match.
            var builder = new EvaluationContextBuilder("u");
            for (var i = names.Length - 1; i >= 0; i--)
            {
                builder.Set(names[i], i == target ? 7 : 20);
            }

            var evaluation = evaluator.Evaluate("f", builder.Build());
            Assert.Equal("hit", evaluation.Variant);
            Assert.Equal(target, evaluation.RuleIndex);
        }

        // A number as text (parsed by the condition itself) and a few names set in another order.
        Assert.Equal(3, evaluator.Evaluate("f", new EvaluationContextBuilder("u").Set(names[3], "7").Set(names[^1], 30).Build()).RuleIndex);
        Assert.Equal(3, evaluator.Evaluate("f", new EvaluationContextBuilder("u").Set(names[^1], 30).Set(names[3], 7).Build()).RuleIndex);
        Assert.Equal(-1, evaluator.Evaluate("f", new EvaluationContextBuilder("u").Set(names[^1], 30).Build()).RuleIndex);
    }

    [Fact]
    public void Evaluate_RuleWithoutConditionsAfterFailingRules_MatchesIt()
    {
        var flag = StringFlag("f", "a", "b", "c").WithRules(
            Rule("b", Condition("country", ConditionOperator.In, "BE", "LU")),
            new RuleDefinition { Variant = "c" },
            Rule("b", Condition("country", ConditionOperator.Equals, "NL")));

        var evaluation = Evaluator(flag).Evaluate("f", Dutch);

        Assert.Equal("c", evaluation.Variant);
        Assert.Equal(1, evaluation.RuleIndex);
    }

    [Fact]
    public async Task Evaluate_ContextsAndSnapshotsWithNewNamesOnManyThreads_AlwaysAnswerAsDefined()
    {
        var tasks = new Task[4];
        for (var t = 0; t < tasks.Length; t++)
        {
            tasks[t] = Task.Run(() =>
            {
                for (var round = 0; round < 50; round++)
                {
                    var name = UniqueName("threads");
                    var context = new EvaluationContextBuilder("u").Set(name, "v").Set("plan", "pro").Build();
                    var evaluator = Evaluator(StringFlag("f", "a", "b").WithRules(
                        Rule("b", Condition(name, ConditionOperator.Equals, "v"), Condition("plan", ConditionOperator.NotEquals, "free"))));
                    Assert.Equal("b", evaluator.Evaluate("f", context).Variant);
                    Assert.Equal("a", evaluator.Evaluate("f", new EvaluationContextBuilder("u").Set(name, "w").Build()).Variant);
                }
            });
        }

        await Task.WhenAll(tasks);
    }

    private static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");
}
