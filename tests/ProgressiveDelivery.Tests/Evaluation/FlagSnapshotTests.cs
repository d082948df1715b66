using System;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

public class FlagSnapshotTests
{
    [Fact]
    public void TryCompile_ManyDistinctErrors_ReportsEveryOneWithPathAndCodeInDocumentOrder()
    {
        var set = new FlagSet();
        set.Segments.Add(Segment("beta", conditions: Condition(string.Empty, ConditionOperator.InSegment, "beta")));
        set.Segments.Add(Segment("beta"));
        set.Segments.Add(Segment("bad key!"));

        var checkout = StringFlag("new-checkout", "a", "b")
            .WithRules(
                Rule("zzz", Condition("country", ConditionOperator.Equals, "NL"), Condition("age", ConditionOperator.GreaterThan, "abc")),
                SplitRule(Split(("a", 100)), []),
                new RuleDefinition(),
                Rule(
                    "a",
                    Condition("x", ConditionOperator.Matches, "(a)\\1"),
                    Condition(string.Empty, ConditionOperator.InSegment, "nope"),
                    Condition("x", ConditionOperator.Exists, "x"),
                    Condition("x", ConditionOperator.StartsWith),
                    Condition("x", ConditionOperator.Before, "yesterday"),
                    Condition("x", ConditionOperator.SemVerLessThan, "1.2"),
                    Condition(string.Empty, ConditionOperator.Equals, "v"),
                    Condition("x", (ConditionOperator)99, "v")))
            .WithDefaultSplit(("a", 50), ("b", 49.995));
        checkout.Rules[1].Variant = "a";
        checkout.OffVariant = "nope";
        set.Flags.Add(checkout);
        set.Flags.Add(Flag("mixed", Variant("a", "x"), Variant("b", 1.0), Variant("a", "y")));
        set.Flags.Add(BooleanFlag("new-checkout"));
        set.Flags.Add(BooleanFlag("-bad"));
        set.Flags.Add(new FlagDefinition { Key = "splits" }
            .WithRules(SplitRule(Split(("on", -10), ("off", 110))), SplitRule(Split(("maybe", 100))))
            .WithDefaultSplit(("on", 60), ("off", 50)));
        set.Flags.Add(BooleanFlag("both-defaults").WithDefaultSplit(("on", 100)));
        set.Flags.Add(BooleanFlag("prereq").WithPrerequisite("ghost").WithPrerequisite("splits", "maybe"));
        set.Flags.Add(BooleanFlag("a").WithPrerequisite("b"));
        set.Flags.Add(BooleanFlag("b").WithPrerequisite("c"));
        set.Flags.Add(BooleanFlag("c").WithPrerequisite("a"));

        Assert.False(FlagSnapshot.TryCompile(set, out var snapshot, out var errors));
        Assert.Null(snapshot);
        const string C = "$.flags['new-checkout']";
        (string Path, string Code)[] expected =
        [
            ("$.segments['beta'].conditions[0].operator", DefinitionErrorCodes.InvalidValue),
            ("$.segments['beta']", DefinitionErrorCodes.DuplicateKey),
            ("$.segments['bad key!']", DefinitionErrorCodes.InvalidKey),
            (C + ".offVariant", DefinitionErrorCodes.UnknownVariant),
            (C + ".rules[0].conditions[1].values[0]", DefinitionErrorCodes.InvalidNumber),
            (C + ".rules[0].variant", DefinitionErrorCodes.UnknownVariant),
            (C + ".rules[1]", DefinitionErrorCodes.InvalidServe),
            (C + ".rules[2]", DefinitionErrorCodes.InvalidServe),
            (C + ".rules[3].conditions[0].values[0]", DefinitionErrorCodes.InvalidRegex),
            (C + ".rules[3].conditions[1].values[0]", DefinitionErrorCodes.UnknownSegment),
            (C + ".rules[3].conditions[2].values", DefinitionErrorCodes.InvalidValues),
            (C + ".rules[3].conditions[3].values", DefinitionErrorCodes.InvalidValues),
            (C + ".rules[3].conditions[4].values[0]", DefinitionErrorCodes.InvalidDate),
            (C + ".rules[3].conditions[5].values[0]", DefinitionErrorCodes.InvalidSemVer),
            (C + ".rules[3].conditions[6].attribute", DefinitionErrorCodes.Missing),
            (C + ".rules[3].conditions[7].operator", DefinitionErrorCodes.UnknownOperator),
            (C + ".defaultSplit['b']", DefinitionErrorCodes.InvalidWeights),
            ("$.flags['mixed'].variants['b']", DefinitionErrorCodes.MixedVariantTypes),
            ("$.flags['mixed'].variants['a']", DefinitionErrorCodes.DuplicateKey),
            (C, DefinitionErrorCodes.DuplicateKey),
            ("$.flags['-bad']", DefinitionErrorCodes.InvalidKey),
            ("$.flags['splits'].rules[0].split['on']", DefinitionErrorCodes.InvalidWeights),
            ("$.flags['splits'].rules[1].split['maybe']", DefinitionErrorCodes.UnknownVariant),
            ("$.flags['splits'].defaultSplit", DefinitionErrorCodes.InvalidWeights),
            ("$.flags['both-defaults'].defaultSplit", DefinitionErrorCodes.InvalidServe),
            ("$.flags['prereq'].prerequisites[0].flag", DefinitionErrorCodes.UnknownFlag),
            ("$.flags['prereq'].prerequisites[1].variants[0]", DefinitionErrorCodes.UnknownVariant),
            ("$.flags['a'].prerequisites[0].flag", DefinitionErrorCodes.PrerequisiteCycle),
        ];

        Assert.Equal(expected, Pairs(errors));
        Assert.Equal("new-checkout", errors[3].FlagKey);
        Assert.Equal("beta", errors[0].FlagKey);
        Assert.Contains("a -> b -> c -> a", errors[^1].Message, StringComparison.Ordinal);
        Assert.Contains("NonBacktracking", errors[8].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InvalidDefinitions_ThrowsWithEveryError()
    {
        var set = Set(BooleanFlag("x", "nope"), BooleanFlag("y", "maybe"));
        var exception = Assert.Throws<DefinitionException>(() => FlagSnapshot.Compile(set));
        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("$.flags['y'].defaultVariant", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NullFlagSet_Throws() => Assert.Throws<ArgumentNullException>(() => FlagSnapshot.Compile(null!));

    [Fact]
    public void TryCompile_PrerequisiteCycle_ReportsThePath()
    {
        var set = Set(BooleanFlag("a").WithPrerequisite("b"), BooleanFlag("b").WithPrerequisite("c"), BooleanFlag("c").WithPrerequisite("a"), BooleanFlag("d").WithPrerequisite("a"));
        Assert.False(FlagSnapshot.TryCompile(set, out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(DefinitionErrorCodes.PrerequisiteCycle, error.Code);
        Assert.Equal("$.flags['a'].prerequisites[0].flag", error.Path);
        Assert.Equal("a", error.FlagKey);
        Assert.Contains("a -> b -> c -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_SelfPrerequisite_IsACycle()
    {
        Assert.False(FlagSnapshot.TryCompile(Set(BooleanFlag("a").WithPrerequisite("a")), out _, out var errors));
        Assert.Contains("a -> a", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0-release_2.x")]
    public void TryCompile_ValidKey_Accepted(string key) => Assert.True(FlagSnapshot.TryCompile(Set(BooleanFlag(key)), out _, out _));

    [Theory]
    [InlineData("")]
    [InlineData("_a")]
    [InlineData(".a")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("é")]
    public void TryCompile_InvalidKey_ReportsInvalidKey(string key)
    {
        Assert.False(FlagSnapshot.TryCompile(Set(BooleanFlag(key)), out _, out var errors));
        Assert.Equal(DefinitionErrorCodes.InvalidKey, Assert.Single(errors).Code);
    }

    [Fact]
    public void TryCompile_KeyLength_AllowsAtMost128Characters()
    {
        Assert.True(FlagSnapshot.TryCompile(Set(BooleanFlag(new string('k', 128))), out _, out _));
        Assert.False(FlagSnapshot.TryCompile(Set(BooleanFlag(new string('k', 129))), out _, out var errors));
        Assert.Equal(DefinitionErrorCodes.InvalidKey, Assert.Single(errors).Code);
    }

    [Fact]
    public void TryCompile_InvalidVariantName_ReportsInvalidKey()
    {
        Assert.False(FlagSnapshot.TryCompile(Set(Flag("f", Variant("has space", true))), out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(("$.flags['f'].variants['has space']", DefinitionErrorCodes.InvalidKey), (error.Path, error.Code));
    }

    [Fact]
    public void TryCompile_LookaroundRegex_ReportsInvalidRegex()
    {
        var flag = BooleanFlag("f").WithRules(Rule("on", Condition("x", ConditionOperator.Matches, "ok", "a(?=b)")));
        Assert.False(FlagSnapshot.TryCompile(Set(flag), out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(("$.flags['f'].rules[0].conditions[0].values[1]", DefinitionErrorCodes.InvalidRegex), (error.Path, error.Code));
    }

    [Fact]
    public void TryCompile_ComparisonWithSeveralValues_ReportsInvalidValues()
    {
        var flag = BooleanFlag("f").WithRules(Rule("on", Condition("n", ConditionOperator.LessThan, "1", "2")));
        Assert.False(FlagSnapshot.TryCompile(Set(flag), out _, out var errors));
        Assert.Equal(("$.flags['f'].rules[0].conditions[0].values", DefinitionErrorCodes.InvalidValues), (errors[0].Path, errors[0].Code));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,000")]
    [InlineData("")]
    public void TryCompile_NonFiniteOrLocalizedNumber_ReportsInvalidNumber(string literal)
    {
        var flag = BooleanFlag("f").WithRules(Rule("on", Condition("n", ConditionOperator.GreaterThan, literal)));
        Assert.False(FlagSnapshot.TryCompile(Set(flag), out _, out var errors));
        Assert.Equal(DefinitionErrorCodes.InvalidNumber, Assert.Single(errors).Code);
    }

    [Fact]
    public void TryCompile_NullValue_ReportedOnceAsMissing()
    {
        var condition = Condition("n", ConditionOperator.GreaterThan, "1");
        condition.Values[0] = null!;
        var segmentCondition = Condition(string.Empty, ConditionOperator.InSegment, "x", "ghost");
        segmentCondition.Values[0] = null!;
        var flag = BooleanFlag("f").WithRules(Rule("on", condition, segmentCondition));
        Assert.False(FlagSnapshot.TryCompile(Set(flag), out _, out var errors));
        Assert.Equal(
            [
                ("$.flags['f'].rules[0].conditions[0].values[0]", DefinitionErrorCodes.Missing),
                ("$.flags['f'].rules[0].conditions[1].values[0]", DefinitionErrorCodes.Missing),
                ("$.flags['f'].rules[0].conditions[1].values[1]", DefinitionErrorCodes.UnknownSegment),
            ],
            Pairs(errors));
    }

    [Fact]
    public void TryCompile_MissingAttributeAndBadLiteral_ReportsBoth()
    {
        var flag = BooleanFlag("f").WithRules(Rule("on", Condition(string.Empty, ConditionOperator.LessThan, "x")));
        Assert.False(FlagSnapshot.TryCompile(Set(flag), out _, out var errors));
        Assert.Equal(
            [
                ("$.flags['f'].rules[0].conditions[0].attribute", DefinitionErrorCodes.Missing),
                ("$.flags['f'].rules[0].conditions[0].values[0]", DefinitionErrorCodes.InvalidNumber),
            ],
            Pairs(errors));
    }

    [Fact]
    public void TryCompile_SplitWeightsFineButSumming_Accepted()
    {
        var flag = Flag("f", Variant("a", 1.0), Variant("b", 2.0), Variant("c", 3.0)).WithDefaultSplit(("a", 33.33), ("b", 33.33), ("c", 33.34));
        Assert.True(FlagSnapshot.TryCompile(Set(flag), out _, out var errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Compile_FlagWithoutVariants_IsBooleanWithOnAndOffServingOff()
    {
        var snapshot = FlagSnapshot.Compile(Set(new FlagDefinition { Key = "plain" }));
        Assert.Equal(FlagValueKind.Boolean, snapshot.GetValueKind("plain"));
        var evaluation = new FlagEvaluator(snapshot).Evaluate("plain", EvaluationContext.Empty);
        Assert.Equal(("off", FlagValue.False, EvaluationReason.Static), (evaluation.Variant, evaluation.Value, evaluation.Reason));
    }

    [Fact]
    public void Compile_OffVariantUnset_UsesOffElseFirstVariant()
    {
        var withOff = StringFlag("with-off", "a", "off", "b");
        withOff.Enabled = false;
        var withoutOff = StringFlag("without-off", "a", "b");
        withoutOff.Enabled = false;
        var evaluator = Evaluator(withOff, withoutOff);
        Assert.Equal("off", evaluator.GetVariant("with-off", EvaluationContext.Empty));
        Assert.Equal("a", evaluator.GetVariant("without-off", EvaluationContext.Empty));
    }

    [Fact]
    public void Compile_ValidSet_ExposesKeysAndKinds()
    {
        var snapshot = FlagSnapshot.Compile(Set(BooleanFlag("a"), StringFlag("b", "x")));
        Assert.Equal(2, snapshot.Count);
        Assert.Equal(["a", "b"], new SortedSet<string>(snapshot.FlagKeys));
        Assert.True(snapshot.ContainsFlag("b"));
        Assert.False(snapshot.ContainsFlag("c"));
        Assert.Equal(FlagValueKind.String, snapshot.GetValueKind("b"));
        Assert.Equal(FlagValueKind.None, snapshot.GetValueKind("c"));
        Assert.Equal(0, FlagSnapshot.Empty.Count);
    }

    [Fact]
    public void Compile_DefinitionsChangedAfterwards_SnapshotUnaffected()
    {
        var flag = BooleanFlag("f", "on");
        var set = Set(flag);
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(set));
        flag.DefaultVariant = "off";
        flag.Enabled = false;
        set.Flags.Clear();
        Assert.True(evaluator.IsEnabled("f", EvaluationContext.Empty));
    }

    [Fact]
    public void Compile_ExpiredFlag_StillEvaluates()
    {
        var flag = BooleanFlag("old", "on");
        flag.Created = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        flag.Expires = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(Evaluator(flag).IsEnabled("old", EvaluationContext.Empty));
    }

    private static List<(string, string)> Pairs(IReadOnlyList<DefinitionError> errors)
    {
        var pairs = new List<(string, string)>();
        foreach (var error in errors)
        {
            pairs.Add((error.Path, error.Code));
        }

        return pairs;
    }
}
