using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>Terse builders of flag definitions for the evaluation tests (the real builder lives elsewhere).</summary>
internal static class Definitions
{
    public static FlagDefinition Flag(string key, params VariantDefinition[] variants)
    {
        var flag = new FlagDefinition { Key = key };
        foreach (var variant in variants)
        {
            flag.Variants.Add(variant);
        }

        return flag;
    }

    public static FlagDefinition BooleanFlag(string key, string defaultVariant = "on") => new() { Key = key, DefaultVariant = defaultVariant };

    public static FlagDefinition StringFlag(string key, params string[] variants)
    {
        var flag = new FlagDefinition { Key = key };
        foreach (var variant in variants)
        {
            flag.Variants.Add(new VariantDefinition(variant, FlagValue.FromString(variant)));
        }

        return flag;
    }

    public static VariantDefinition Variant(string name, string value) => new(name, FlagValue.FromString(value));

    public static VariantDefinition Variant(string name, double value) => new(name, FlagValue.FromNumber(value));

    public static VariantDefinition Variant(string name, bool value) => new(name, FlagValue.FromBoolean(value));

    public static ConditionDefinition Condition(string attribute, ConditionOperator op, params string[] values) =>
        Condition(attribute, op, caseSensitive: true, values);

    public static ConditionDefinition Condition(string attribute, ConditionOperator op, bool caseSensitive, params string[] values)
    {
        var condition = new ConditionDefinition { Attribute = attribute, Operator = op, CaseSensitive = caseSensitive };
        foreach (var value in values)
        {
            condition.Values.Add(value);
        }

        return condition;
    }

    public static RuleDefinition Rule(string variant, params ConditionDefinition[] conditions)
    {
        var rule = new RuleDefinition { Variant = variant };
        AddAll(rule.Conditions, conditions);
        return rule;
    }

    public static RuleDefinition SplitRule(WeightedVariant[] split, params ConditionDefinition[] conditions)
    {
        var rule = new RuleDefinition();
        AddAll(rule.Conditions, conditions);
        AddAll(rule.Split, split);
        return rule;
    }

    public static WeightedVariant[] Split(params (string Variant, double Percent)[] arms)
    {
        var split = new WeightedVariant[arms.Length];
        for (var i = 0; i < arms.Length; i++)
        {
            split[i] = new WeightedVariant(arms[i].Variant, arms[i].Percent);
        }

        return split;
    }

    public static FlagDefinition WithRules(this FlagDefinition flag, params RuleDefinition[] rules)
    {
        AddAll(flag.Rules, rules);
        return flag;
    }

    public static FlagDefinition WithDefaultSplit(this FlagDefinition flag, params (string Variant, double Percent)[] arms)
    {
        AddAll(flag.DefaultSplit, Split(arms));
        return flag;
    }

    public static FlagDefinition WithPrerequisite(this FlagDefinition flag, string prerequisiteFlag, params string[] variants)
    {
        var prerequisite = new PrerequisiteDefinition { Flag = prerequisiteFlag };
        AddAll(prerequisite.Variants, variants);
        flag.Prerequisites.Add(prerequisite);
        return flag;
    }

    public static SegmentDefinition Segment(string key, string[]? included = null, string[]? excluded = null, params ConditionDefinition[] conditions)
    {
        var segment = new SegmentDefinition { Key = key };
        AddAll(segment.Included, included ?? []);
        AddAll(segment.Excluded, excluded ?? []);
        AddAll(segment.Conditions, conditions);
        return segment;
    }

    public static FlagSet Set(params FlagDefinition[] flags) => Set(flags, []);

    public static FlagSet Set(FlagDefinition[] flags, SegmentDefinition[] segments)
    {
        var set = new FlagSet();
        AddAll(set.Flags, flags);
        AddAll(set.Segments, segments);
        return set;
    }

    public static FlagEvaluator Evaluator(params FlagDefinition[] flags) => new(FlagSnapshot.Compile(Set(flags)));

    public static FlagEvaluator Evaluator(FlagDefinition[] flags, SegmentDefinition[] segments) =>
        new(FlagSnapshot.Compile(Set(flags, segments)));

    private static void AddAll<T>(ICollection<T> target, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            target.Add(item);
        }
    }

    /// <summary>Whether the conditions (one rule of a boolean flag) hold for <paramref name="context"/>.</summary>
    public static bool Holds(ConditionDefinition condition, EvaluationContext context) => Holds([condition], context);

    public static bool Holds(ConditionDefinition[] conditions, EvaluationContext context)
    {
        var evaluator = Evaluator(BooleanFlag("f", "off").WithRules(Rule("on", conditions)));
        var evaluation = evaluator.Evaluate("f", context);
        Assert.False(evaluation.IsError);
        return evaluation.Reason == EvaluationReason.TargetingMatch;
    }
}
