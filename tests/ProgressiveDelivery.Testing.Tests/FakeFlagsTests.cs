using System;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Testing.Tests;

public sealed class FakeFlagsTests
{
    [Fact]
    public void Set_WithoutDependencyInjection_ForcesTheVariant()
    {
        var evaluator = new FakeFlags()
            .Set("new-checkout", "on")
            .Set("dark-mode", false)
            .Set("ranking", "neural")
            .Set("max-items", "large", FlagValue.FromNumber(50))
            .CreateEvaluator();
        var anyone = EvaluationContext.ForUnit("user-1");

        Assert.True(evaluator.IsEnabled("new-checkout", anyone));
        Assert.False(evaluator.IsEnabled("dark-mode", anyone, defaultValue: true));
        Assert.Equal("neural", evaluator.GetString("ranking", anyone, "bm25"));
        Assert.Equal(50, evaluator.GetNumber("max-items", anyone, 10));
        Assert.Equal(EvaluationErrorCode.FlagNotFound, evaluator.Evaluate("unknown", anyone).ErrorCode);
    }

    [Fact]
    public void Set_AfterTheEvaluatorExists_FlipsItLive()
    {
        var fakes = new FakeFlags().Set("new-checkout", true);
        var evaluator = fakes.CreateEvaluator();

        fakes.Set("new-checkout", false);
        Assert.False(evaluator.IsEnabled("new-checkout", EvaluationContext.Empty, defaultValue: true));

        fakes.Remove("new-checkout");
        Assert.True(evaluator.Evaluate("new-checkout", EvaluationContext.Empty).IsError);
    }

    [Fact]
    public void Set_InvalidKey_ThrowsAndKeepsTheFlags()
    {
        var fakes = new FakeFlags().Set("good", true);

        Assert.Throws<DefinitionException>(() => fakes.Set("bad key!", true));
        Assert.Throws<ArgumentException>(() => fakes.Set("", true));
        Assert.Throws<ArgumentException>(() => fakes.Set("x", "v", default));
        Assert.Equal(["good"], fakes.Snapshot.FlagKeys);
    }

    [Fact]
    public void CreateEvaluator_WithRecorder_RecordsFlagVariantAndUnit()
    {
        var recorder = new EvaluationRecorder();
        var options = new FlagEvaluatorOptions();
        options.Hooks.Add(recorder);
        var evaluator = new FakeFlags().Set("new-checkout", "on").CreateEvaluator(options);

        evaluator.Evaluate("new-checkout", EvaluationContext.ForUnit("alice"));
        evaluator.Evaluate("new-checkout", EvaluationContext.ForUnit("bob"));
        evaluator.Evaluate("missing", EvaluationContext.ForUnit("bob"));

        Assert.Equal(2, recorder.Count("new-checkout", "on"));
        Assert.True(recorder.WasServed("new-checkout", "on", unitId: "alice"));
        Assert.False(recorder.WasServed("new-checkout", "off"));
        Assert.Equal("on", recorder.LastVariant("new-checkout", "bob"));
        Assert.Equal(EvaluationErrorCode.FlagNotFound, Assert.Single(recorder.For("missing")).ErrorCode);
        Assert.Equal(3, recorder.Evaluations.Count);

        recorder.Clear();
        Assert.False(recorder.WasEvaluated("new-checkout"));
    }
}
