using System;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>The hot path allocates nothing: measured with the thread's allocation counter around 10,000 evaluations after warm-up.</summary>
public partial class FlagEvaluatorTests
{
    private const int WarmUpIterations = 2_000;
    private const int MeasuredIterations = 10_000;

    private static readonly EvaluationContext[] Users =
    [
        new EvaluationContextBuilder("user-1").Set("country", "NL").Set("email", "ada@example.com").Set("age", "31").Set("appVersion", "2.3.0-beta.2").Set("plan", "pro").Build(),
        new EvaluationContextBuilder("user-2").Set("country", "DE").Set("email", "bob@corp.example").Set("age", 17).Set("appVersion", "3.0.0").Set("plan", "free").Build(),
        new EvaluationContextBuilder("user-3").Set("country", "US").Set("email", "cy@example.org").Set("age", "44").Set("appVersion", "1.9.9").Set("plan", "team").Build(),
        new EvaluationContextBuilder("user-4").Set("country", "FR").Set("email", "di@example.org").Set("age", 29.5).Set("appVersion", "2.10.0").Set("plan", "free").Build(),
    ];

    [Fact]
    public void Evaluate_BooleanFlag_AllocatesNothing()
    {
        var evaluator = Evaluator(BooleanFlag("simple"));
        var context = Users[0];
        AssertNoAllocations(() =>
        {
            if (!evaluator.IsEnabled("simple", context))
            {
                throw new InvalidOperationException("expected on");
            }
        });
    }

    [Fact]
    public void Evaluate_ThreeRulesOverFiveAttributesAndThreeWaySplit_AllocatesNothing()
    {
        var flag = StringFlag("checkout", "control", "treatment-a", "treatment-b").WithRules(
            Rule("treatment-a", Condition("country", ConditionOperator.In, "NL", "BE", "LU"), Condition("email", ConditionOperator.EndsWith, caseSensitive: false, "@EXAMPLE.COM")),
            Rule("treatment-b", Condition("age", ConditionOperator.GreaterThanOrEqual, "40"), Condition("appVersion", ConditionOperator.SemVerGreaterThanOrEqual, "1.5.0")),
            Rule("control", Condition("plan", ConditionOperator.Matches, "^(enterprise|team-[0-9]+)$"), Condition("email", ConditionOperator.StartsWith, "admin")));
        flag.WithDefaultSplit(("control", 34), ("treatment-a", 33), ("treatment-b", 33));
        var evaluator = Evaluator(flag);
        var reasons = new int[8];
        foreach (var user in Users)
        {
            reasons[(int)evaluator.Evaluate("checkout", user).Reason]++;
        }

        Assert.True(reasons[(int)EvaluationReason.TargetingMatch] >= 2 && reasons[(int)EvaluationReason.Split] >= 2);
        var i = 0;
        AssertNoAllocations(() =>
        {
            var evaluation = evaluator.Evaluate("checkout", Users[i++ & 3]);
            if (evaluation.IsError)
            {
                throw new InvalidOperationException("unexpected error");
            }
        });
    }

    [Fact]
    public void Evaluate_MissingFlag_AllocatesNothing()
    {
        var evaluator = Evaluator(BooleanFlag("present"));
        var context = Users[1];
        AssertNoAllocations(() =>
        {
            if (evaluator.Evaluate("absent", context, FlagValue.True).ErrorCode != EvaluationErrorCode.FlagNotFound
                || !evaluator.IsEnabled("absent", context, defaultValue: true)
                || evaluator.GetString("absent", context, "fallback").Length != 8)
            {
                throw new InvalidOperationException("expected flag_not_found");
            }
        });
    }

    [Fact]
    public void Evaluate_FlagWithPrerequisiteAndSegment_AllocatesNothing()
    {
        var beta = Segment("beta", included: ["user-3"], conditions: Condition("country", ConditionOperator.Equals, "NL"));
        var evaluator = Evaluator(
            [
                BooleanFlag("base").WithRules(Rule("on", Condition(string.Empty, ConditionOperator.InSegment, "beta"))).Also(f => f.DefaultVariant = "off"),
                new FlagDefinition { Key = "dependent" }.WithPrerequisite("base", "on").WithDefaultSplit(("on", 50), ("off", 50)),
            ],
            [beta]);
        Assert.Equal(EvaluationReason.PrerequisiteFailed, evaluator.Evaluate("dependent", Users[1]).Reason);
        Assert.Equal(EvaluationReason.Split, evaluator.Evaluate("dependent", Users[0]).Reason);
        var i = 0;
        AssertNoAllocations(() => _ = evaluator.GetVariant("dependent", Users[i++ & 3]));
    }

    [Fact]
    public void Evaluate_CoercingOperatorsAndBucketByNumber_AllocatesNothing()
    {
        var context = new EvaluationContextBuilder("user-5")
            .Set("signedUp", "2025-06-01T10:00:00+02:00")
            .Set("lastSeen", DateTimeOffset.FromUnixTimeSeconds(1_760_000_000))
            .Set("seats", 12)
            .Set("roles", ["viewer", "Editor"])
            .Set("org", 4711)
            .Build();
        var flag = StringFlag("coerce", "a", "b", "c").WithRules(
            Rule("a", Condition("signedUp", ConditionOperator.Before, "2025-01-01")),
            Rule("b", Condition("lastSeen", ConditionOperator.After, "2026-01-01T00:00:00Z")),
            Rule("c", Condition("seats", ConditionOperator.In, "10", "11"), Condition("roles", ConditionOperator.In, caseSensitive: false, "admin")),
            Rule("a", Condition("seats", ConditionOperator.StartsWith, "9")),
            Rule("b", Condition("lastSeen", ConditionOperator.Contains, "2030")));
        flag.BucketBy = "org";
        flag.WithDefaultSplit(("a", 50), ("b", 25), ("c", 25));
        var evaluator = Evaluator(flag);
        Assert.Equal(EvaluationReason.Split, evaluator.Evaluate("coerce", context).Reason);
        AssertNoAllocations(() => _ = evaluator.Evaluate("coerce", context));
    }

    [Fact]
    public void Evaluate_WithNoOpHook_AllocatesNothing()
    {
        var options = new FlagEvaluatorOptions();
        options.Hooks.Add(new CountingHook());
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(Set(BooleanFlag("simple"))), options);
        var context = Users[2];
        AssertNoAllocations(() =>
        {
            _ = evaluator.IsEnabled("simple", context);
            _ = evaluator.IsEnabled("absent", context);
        });
    }

    private static void AssertNoAllocations(Action evaluate)
    {
        for (var i = 0; i < WarmUpIterations; i++)
        {
            evaluate();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < MeasuredIterations; i++)
        {
            evaluate();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    private sealed class CountingHook : EvaluationHook
    {
        public long Count { get; private set; }

        public override void Before(in EvaluationHookContext context) => Count++;

        public override void After(in EvaluationHookContext context, in FlagEvaluation evaluation) => Count++;

        public override void Error(in EvaluationHookContext context, in FlagEvaluation evaluation) => Count++;
    }
}
