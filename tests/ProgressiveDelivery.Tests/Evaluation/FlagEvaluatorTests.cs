using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

public partial class FlagEvaluatorTests
{
    private static readonly EvaluationContext Dutch = new EvaluationContextBuilder("user-1").Set("country", "NL").Build();
    private static readonly EvaluationContext German = new EvaluationContextBuilder("user-2").Set("country", "DE").Build();

    [Fact]
    public void Evaluate_NoRules_ReturnsDefaultVariantWithReasonStatic()
    {
        var evaluation = Evaluator(StringFlag("f", "a", "b").Also(f => f.DefaultVariant = "b")).Evaluate("f", Dutch);
        Assert.Equal(("b", EvaluationReason.Static, -1, EvaluationErrorCode.None), (evaluation.Variant, evaluation.Reason, evaluation.RuleIndex, evaluation.ErrorCode));
        Assert.Equal("b", evaluation.Value.AsString());
        Assert.Equal("f", evaluation.FlagKey);
        Assert.False(evaluation.IsError);
        Assert.Null(evaluation.ErrorMessage);
    }

    [Fact]
    public void Evaluate_RulesButNoneMatch_ReturnsDefaultVariantWithReasonDefault()
    {
        var flag = StringFlag("f", "a", "b").WithRules(Rule("b", Condition("country", ConditionOperator.Equals, "NL")));
        flag.DefaultVariant = "a";
        var evaluation = Evaluator(flag).Evaluate("f", German);
        Assert.Equal(("a", EvaluationReason.Default, -1), (evaluation.Variant, evaluation.Reason, evaluation.RuleIndex));
    }

    [Fact]
    public void Evaluate_SecondRuleMatches_ReturnsTargetingMatchWithRuleIndex()
    {
        var flag = StringFlag("f", "a", "b", "c").WithRules(
            Rule("b", Condition("country", ConditionOperator.Equals, "BE")),
            Rule("c", Condition("country", ConditionOperator.Equals, "NL")),
            Rule("a", Condition("country", ConditionOperator.Exists)));
        var evaluation = Evaluator(flag).Evaluate("f", Dutch);
        Assert.Equal(("c", EvaluationReason.TargetingMatch, 1), (evaluation.Variant, evaluation.Reason, evaluation.RuleIndex));
    }

    [Fact]
    public void Evaluate_RuleServesSplit_ReturnsSplitWithRuleIndex()
    {
        var flag = BooleanFlag("f", "off").WithRules(SplitRule(Split(("on", 100), ("off", 0)), Condition("country", ConditionOperator.Equals, "NL")));
        var evaluation = Evaluator(flag).Evaluate("f", Dutch);
        Assert.Equal(("on", EvaluationReason.Split, 0), (evaluation.Variant, evaluation.Reason, evaluation.RuleIndex));
    }

    [Fact]
    public void Evaluate_DefaultSplit_ReturnsSplitWithoutRuleIndex()
    {
        var flag = new FlagDefinition { Key = "f" }.WithDefaultSplit(("off", 0), ("on", 100));
        var evaluation = Evaluator(flag).Evaluate("f", Dutch);
        Assert.Equal(("on", EvaluationReason.Split, -1), (evaluation.Variant, evaluation.Reason, evaluation.RuleIndex));
    }

    [Fact]
    public void Evaluate_FlagDisabled_ReturnsOffVariant()
    {
        var flag = StringFlag("f", "a", "b", "c").WithRules(Rule("c"));
        flag.OffVariant = "b";
        flag.Enabled = false;
        var evaluation = Evaluator(flag).Evaluate("f", Dutch);
        Assert.Equal(("b", EvaluationReason.Disabled, -1), (evaluation.Variant, evaluation.Reason, evaluation.RuleIndex));
    }

    [Fact]
    public void Evaluate_MissingFlag_ReturnsCallerDefaultWithFlagNotFound()
    {
        var evaluator = Evaluator(BooleanFlag("f"));
        var evaluation = evaluator.Evaluate("nope", Dutch, FlagValue.FromString("fallback"));
        Assert.Equal((EvaluationReason.Error, EvaluationErrorCode.FlagNotFound, (string?)null), (evaluation.Reason, evaluation.ErrorCode, evaluation.Variant));
        Assert.Equal("fallback", evaluation.Value.AsString());
        Assert.True(evaluation.IsError);
        Assert.NotNull(evaluation.ErrorMessage);
        Assert.Equal("nope", evaluation.FlagKey);
        Assert.True(evaluator.IsEnabled("nope", Dutch, defaultValue: true));
        Assert.Equal(FlagValueKind.None, evaluator.Evaluate("nope", Dutch).Value.Kind);
    }

    [Fact]
    public void Evaluate_SplitWithoutTargetingKey_ReturnsCallerDefaultWithTargetingKeyMissing()
    {
        var flag = new FlagDefinition { Key = "f" }.WithDefaultSplit(("on", 50), ("off", 50));
        var evaluation = Evaluator(flag).EvaluateBoolean("f", EvaluationContext.Empty, defaultValue: true);
        Assert.Equal((EvaluationReason.Error, EvaluationErrorCode.TargetingKeyMissing, (string?)null), (evaluation.Reason, evaluation.ErrorCode, evaluation.Variant));
        Assert.True(evaluation.Value.AsBoolean());
    }

    [Fact]
    public void Evaluate_FixedVariantWithoutTargetingKey_Succeeds() =>
        Assert.True(Evaluator(BooleanFlag("f")).IsEnabled("f", EvaluationContext.Empty));

    [Theory]
    [InlineData("static-on", false, true)]
    [InlineData("static-off", true, false)]
    [InlineData("disabled", true, false)]
    [InlineData("rule", false, true)]
    [InlineData("split-all-on", false, true)]
    [InlineData("prerequisite", false, false)]
    [InlineData("text", true, true)]
    [InlineData("text", false, false)]
    [InlineData("missing", true, true)]
    public void IsEnabled_StaticAndContextDependentFlags_AnswerAsEvaluateBoolean(string key, bool defaultValue, bool expected)
    {
        var evaluator = Evaluator(
            BooleanFlag("static-on"),
            BooleanFlag("static-off", "off"),
            BooleanFlag("disabled").Also(f => f.Enabled = false),
            BooleanFlag("rule", "off").WithRules(Rule("on", Condition("country", ConditionOperator.Equals, "NL"))),
            new FlagDefinition { Key = "split-all-on" }.WithDefaultSplit(("on", 100), ("off", 0)),
            BooleanFlag("prerequisite").WithPrerequisite("disabled"),
            StringFlag("text", "a").Also(f => f.DefaultVariant = "a"));

        Assert.Equal(expected, evaluator.IsEnabled(key, Dutch, defaultValue));
        Assert.Equal(expected, evaluator.EvaluateBoolean(key, Dutch, defaultValue).Value.AsBoolean());
    }

    [Fact]
    public void IsEnabled_SplitWithoutTargetingKey_ReturnsCallerDefault()
    {
        var evaluator = Evaluator(new FlagDefinition { Key = "f" }.WithDefaultSplit(("on", 50), ("off", 50)));
        Assert.True(evaluator.IsEnabled("f", EvaluationContext.Empty, defaultValue: true));
        Assert.False(evaluator.IsEnabled("f", EvaluationContext.Empty, defaultValue: false));
    }

    [Fact]
    public void EvaluateTyped_WrongType_ReturnsCallerDefaultWithTypeMismatch()
    {
        var evaluator = Evaluator(StringFlag("s", "a").Also(f => f.DefaultVariant = "a"), BooleanFlag("b"));
        var evaluation = evaluator.EvaluateBoolean("s", Dutch, defaultValue: true);
        Assert.Equal((EvaluationReason.Error, EvaluationErrorCode.TypeMismatch), (evaluation.Reason, evaluation.ErrorCode));
        Assert.True(evaluation.Value.AsBoolean());
        Assert.Equal(7, evaluator.GetNumber("s", Dutch, 7));
        Assert.Equal("x", evaluator.GetString("b", Dutch, "x"));
        Assert.Equal(EvaluationErrorCode.TypeMismatch, evaluator.EvaluateJson("b", Dutch).ErrorCode);
        Assert.Equal("a", evaluator.GetString("s", Dutch, "x"));
        Assert.Equal("a", evaluator.Evaluate("s", Dutch).Variant);
    }

    [Fact]
    public void TypedHelpers_MatchingTypes_ReturnFlagValues()
    {
        using var document = JsonDocument.Parse("""{"limit":5}""");
        var evaluator = Evaluator(
            Flag("n", Variant("low", 0.5), Variant("high", 2.0)).Also(f => f.DefaultVariant = "high"),
            Flag("j", new VariantDefinition("cfg", FlagValue.FromJson(document.RootElement))).Also(f => f.DefaultVariant = "cfg"),
            StringFlag("s", "blue", "green").Also(f => f.DefaultVariant = "green"),
            BooleanFlag("b"));
        Assert.Equal(2.0, evaluator.GetNumber("n", Dutch, 0));
        Assert.Equal(5, evaluator.GetJson("j", Dutch, default).GetProperty("limit").GetInt32());
        Assert.Equal("green", evaluator.GetString("s", Dutch, "red"));
        Assert.True(evaluator.IsEnabled("b", Dutch));
        Assert.Equal("high", evaluator.GetVariant("n", Dutch));
        Assert.Null(evaluator.GetVariant("missing", Dutch));
        Assert.Equal(JsonValueKind.Undefined, evaluator.GetJson("missing", Dutch, default).ValueKind);
        Assert.Equal(EvaluationReason.Static, evaluator.EvaluateNumber("n", Dutch, 1).Reason);
        Assert.Equal(EvaluationReason.Static, evaluator.EvaluateString("s", Dutch, "red").Reason);
    }

    [Fact]
    public void Evaluate_NullArguments_Throw()
    {
        var evaluator = Evaluator(BooleanFlag("f"));
        Assert.Throws<ArgumentNullException>(() => evaluator.Evaluate(null!, Dutch));
        Assert.Throws<ArgumentNullException>(() => evaluator.Evaluate("f", null!));
        Assert.Throws<ArgumentNullException>(() => evaluator.IsEnabled(null!, Dutch));
        Assert.Throws<ArgumentNullException>(() => evaluator.GetString("f", Dutch, null!));
        Assert.Throws<ArgumentNullException>(() => new FlagEvaluator(null!));
        Assert.Throws<ArgumentNullException>(() => evaluator.Update(null!));
        Assert.Throws<ArgumentNullException>(() => evaluator.TryUpdate(null!, out _));
    }

    [Fact]
    public void Evaluate_PrerequisiteChainSatisfied_EvaluatesRules()
    {
        var evaluator = Evaluator(
            BooleanFlag("base"),
            BooleanFlag("middle").WithPrerequisite("base"),
            StringFlag("top", "off", "new").Also(f => f.DefaultVariant = "new").WithPrerequisite("middle", "on"));
        var evaluation = evaluator.Evaluate("top", Dutch);
        Assert.Equal(("new", EvaluationReason.Static), (evaluation.Variant, evaluation.Reason));
    }

    [Fact]
    public void Evaluate_PrerequisiteDisabledDeepInChain_FailsEveryDependent()
    {
        var evaluator = Evaluator(
            BooleanFlag("base").Also(f => f.Enabled = false),
            BooleanFlag("middle").WithPrerequisite("base"),
            StringFlag("top", "off", "new").Also(f => f.DefaultVariant = "new").WithPrerequisite("middle", "on"));
        Assert.Equal(EvaluationReason.PrerequisiteFailed, evaluator.Evaluate("middle", Dutch).Reason);
        var evaluation = evaluator.Evaluate("top", Dutch);
        Assert.Equal(("off", EvaluationReason.PrerequisiteFailed, -1), (evaluation.Variant, evaluation.Reason, evaluation.RuleIndex));
    }

    [Fact]
    public void Evaluate_PrerequisiteNotInRequiredVariants_Fails()
    {
        var plan = StringFlag("plan", "free", "pro", "enterprise").WithRules(Rule("pro", Condition("country", ConditionOperator.Equals, "NL")));
        plan.DefaultVariant = "free";
        var evaluator = Evaluator(plan, BooleanFlag("export").WithPrerequisite("plan", "pro", "enterprise"));
        Assert.True(evaluator.IsEnabled("export", Dutch));
        var evaluation = evaluator.Evaluate("export", German);
        Assert.Equal(("off", EvaluationReason.PrerequisiteFailed), (evaluation.Variant, evaluation.Reason));
    }

    [Fact]
    public void Evaluate_PrerequisiteWithoutVariants_NeedsAnyVariantButOff()
    {
        var evaluator = Evaluator(
            BooleanFlag("on-flag", "on"),
            BooleanFlag("off-flag", "off"),
            BooleanFlag("needs-on").WithPrerequisite("on-flag"),
            BooleanFlag("needs-off").WithPrerequisite("off-flag"));
        Assert.True(evaluator.IsEnabled("needs-on", Dutch));
        Assert.Equal(EvaluationReason.PrerequisiteFailed, evaluator.Evaluate("needs-off", Dutch).Reason);
    }

    [Fact]
    public void Evaluate_PrerequisiteErrs_FailsDependentWithoutError()
    {
        var evaluator = Evaluator(
            new FlagDefinition { Key = "split" }.WithDefaultSplit(("on", 50), ("off", 50)),
            BooleanFlag("dependent").WithPrerequisite("split", "on", "off"));
        var evaluation = evaluator.Evaluate("dependent", EvaluationContext.Empty);
        Assert.Equal((EvaluationReason.PrerequisiteFailed, EvaluationErrorCode.None, "off"), (evaluation.Reason, evaluation.ErrorCode, evaluation.Variant));
    }

    [Fact]
    public void TryUpdate_InvalidDefinitions_KeepsPreviousSnapshotAndReturnsErrors()
    {
        var evaluator = Evaluator(BooleanFlag("f", "on"));
        var before = evaluator.Snapshot;
        Assert.False(evaluator.TryUpdate(Set(BooleanFlag("f", "nope")), out var errors));
        Assert.Equal("$.flags['f'].defaultVariant", Assert.Single(errors).Path);
        Assert.Same(before, evaluator.Snapshot);
        Assert.True(evaluator.IsEnabled("f", Dutch));
    }

    [Fact]
    public void TryUpdate_ValidDefinitions_SwapsAndNotifies()
    {
        var evaluator = Evaluator(BooleanFlag("f", "on"));
        var seen = new List<FlagSnapshot>();
        evaluator.SnapshotChanged += (_, snapshot) => seen.Add(snapshot);
        Assert.True(evaluator.TryUpdate(Set(BooleanFlag("f", "off")), out var errors));
        Assert.Empty(errors);
        Assert.False(evaluator.IsEnabled("f", Dutch));
        Assert.Same(evaluator.Snapshot, Assert.Single(seen));
        evaluator.Update(FlagSnapshot.Empty);
        Assert.Equal(EvaluationErrorCode.FlagNotFound, evaluator.Evaluate("f", Dutch).ErrorCode);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Constructor_Default_UsesEmptySnapshot()
    {
        var evaluator = new FlagEvaluator();
        Assert.Same(FlagSnapshot.Empty, evaluator.Snapshot);
        Assert.Equal(EvaluationErrorCode.FlagNotFound, evaluator.Evaluate("x", Dutch).ErrorCode);
    }
}

internal static class FlagDefinitionTestExtensions
{
    public static FlagDefinition Also(this FlagDefinition flag, Action<FlagDefinition> change)
    {
        change(flag);
        return flag;
    }
}
