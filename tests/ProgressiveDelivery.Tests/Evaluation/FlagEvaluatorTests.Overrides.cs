using System;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>Split overrides: the rollout layer over the definitions.</summary>
public partial class FlagEvaluatorTests
{
    [Fact]
    public void SetSplitOverride_DefaultServe_CanaryTakesTheLowestBuckets()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(OverrideFlags()));

        evaluator.SetSplitOverride(new SplitOverride("checkout", "new", "old", 2500));

        var canary = 0;
        for (var i = 0; i < 4000; i++)
        {
            var evaluation = evaluator.Evaluate("checkout", EvaluationContext.ForUnit("u" + i));
            Assert.Equal(EvaluationReason.Split, evaluation.Reason);
            var expected = ProgressiveDelivery.Bucketing.Bucketer.GetBucket("checkout", "u" + i) < 2500 ? "new" : "old";
            Assert.Equal(expected, evaluation.Variant);
            canary += evaluation.Variant == "new" ? 1 : 0;
        }

        Assert.InRange(canary, 900, 1100);
    }

    [Fact]
    public void SetSplitOverride_RuleMatches_StillServedByTheRule()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(OverrideFlags()));
        evaluator.SetSplitOverride(new SplitOverride("checkout", "new", "old", 10_000));

        var staff = evaluator.Evaluate("checkout", new EvaluationContextBuilder("u1").Set("tier", "staff").Build());

        Assert.Equal(("old", EvaluationReason.TargetingMatch), (staff.Variant, staff.Reason));
    }

    [Fact]
    public void Update_NewDefinitions_KeepTheOverrideAndOverrideChangesKeepTheDefinitions()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(OverrideFlags()));
        evaluator.SetSplitOverride(new SplitOverride("checkout", "new", "old", 10_000));

        Assert.True(evaluator.TryUpdate(OverrideFlags(salt: "v2"), out _));
        Assert.Equal("new", evaluator.Evaluate("checkout", EvaluationContext.ForUnit("u1")).Variant);
        evaluator.SetSplitOverride(new SplitOverride("checkout", "new", "old", 0));

        Assert.Equal("old", evaluator.Evaluate("checkout", EvaluationContext.ForUnit("u1")).Variant);
        Assert.Equal(EvaluationReason.Split, evaluator.Evaluate("checkout", EvaluationContext.ForUnit("u1")).Reason);
        Assert.Equal(0, evaluator.SplitOverrides["checkout"].CanaryBasisPoints);
        Assert.Equal(2, evaluator.BaseSnapshot.Count);
    }

    [Fact]
    public void SetSplitOverride_PrerequisiteOnTheRolledOutFlag_SeesTheOverride()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(OverrideFlags()));

        Assert.Equal("off", evaluator.Evaluate("dependent", EvaluationContext.ForUnit("u1")).Variant);
        evaluator.SetSplitOverride(new SplitOverride("checkout", "new", "old", 10_000));

        Assert.Equal("on", evaluator.Evaluate("dependent", EvaluationContext.ForUnit("u1")).Variant);
    }

    [Fact]
    public void RemoveSplitOverride_ServesTheDefinitionAgain()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(OverrideFlags()));
        evaluator.SetSplitOverride(new SplitOverride("checkout", "new", "old", 10_000));

        Assert.True(evaluator.RemoveSplitOverride("checkout"));

        Assert.Equal(("old", EvaluationReason.Default), (evaluator.Evaluate("checkout", EvaluationContext.ForUnit("u1")).Variant, evaluator.Evaluate("checkout", EvaluationContext.ForUnit("u1")).Reason));
        Assert.Same(evaluator.BaseSnapshot, evaluator.Snapshot);
        Assert.False(evaluator.RemoveSplitOverride("checkout"));
    }

    [Fact]
    public void SetSplitOverride_UnknownVariant_HasNoEffect()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(OverrideFlags()));

        evaluator.SetSplitOverride(new SplitOverride("checkout", "gone", "old", 10_000));

        Assert.Equal(EvaluationReason.Default, evaluator.Evaluate("checkout", EvaluationContext.ForUnit("u1")).Reason);
    }

    [Fact]
    public void SplitOverride_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitOverride("f", "a", "b", 10_001));
        Assert.Throws<ArgumentException>(() => new SplitOverride("f", "a", "a", 1));
        Assert.Throws<ArgumentNullException>(() => new SplitOverride(null!, "a", "b", 1));
    }

    [Fact]
    public void Evaluate_WithSplitOverride_AllocatesNothing()
    {
        var evaluator = new FlagEvaluator(FlagSnapshot.Compile(OverrideFlags()));
        evaluator.SetSplitOverride(new SplitOverride("checkout", "new", "old", 5000));
        var i = 0;

        AssertNoAllocations(() =>
        {
            if (evaluator.Evaluate("checkout", Users[i++ & 3]).IsError)
            {
                throw new InvalidOperationException("unexpected error");
            }
        });
    }

    private static FlagSet OverrideFlags(string salt = "checkout") => new FlagSetBuilder()
        .Flag("checkout", flag => flag.Variants(("old", "v1"), ("new", "v2")).OffVariant("old").DefaultVariant("old").Salt(salt)
            .Rule(rule => rule.Where("tier", ConditionOperator.In, "staff").Serve("old")))
        .Flag("dependent", flag => flag.BooleanVariants().DefaultVariant("on").Prerequisite("checkout", "new"))
        .Build();
}
