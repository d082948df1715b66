using System;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

public class EvaluationHookTests
{
    private static readonly FlagSnapshot Snapshot = FlagSnapshot.Compile(Set(BooleanFlag("f")));

    [Fact]
    public void Hooks_SuccessfulEvaluation_RunBeforeThenAfterInOrder()
    {
        var log = new List<string>();
        var evaluator = Create(null, new RecordingHook("1", log), new RecordingHook("2", log));
        var evaluation = evaluator.EvaluateBoolean("f", EvaluationContext.ForUnit("u"), false);
        Assert.True(evaluation.Value.AsBoolean());
        Assert.Equal(["1.before f Boolean", "2.before f Boolean", "1.after on", "2.after on"], log);
    }

    [Fact]
    public void Hooks_ErrorResult_RunErrorInsteadOfAfter()
    {
        var log = new List<string>();
        var evaluator = Create(null, new RecordingHook("1", log));
        evaluator.Evaluate("missing", EvaluationContext.Empty);
        Assert.Equal(["1.before missing None", "1.error flag_not_found"], log);
    }

    [Fact]
    public void Hooks_ThrowingHook_DoesNotBreakEvaluationAndIsCounted()
    {
        var log = new List<string>();
        var failures = new List<(EvaluationHook, Exception)>();
        var throwing = new ThrowingHook();
        var evaluator = Create((hook, exception) => failures.Add((hook, exception)), throwing, new RecordingHook("ok", log));

        var evaluation = evaluator.Evaluate("f", EvaluationContext.ForUnit("u"));

        Assert.Equal(("on", EvaluationReason.Static), (evaluation.Variant, evaluation.Reason));
        Assert.Equal(["ok.before f None", "ok.after on"], log);
        Assert.Equal(2, evaluator.HookFailures);
        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure => Assert.Same(throwing, failure.Item1));
        Assert.IsType<InvalidOperationException>(failures[0].Item2);
    }

    [Fact]
    public void Hooks_ThrowingErrorCallback_IsSwallowed()
    {
        var evaluator = Create((_, _) => throw new InvalidOperationException("callback"), new ThrowingHook());
        Assert.True(evaluator.IsEnabled("f", EvaluationContext.Empty));
        Assert.Equal(2, evaluator.HookFailures);
    }

    [Fact]
    public void Hooks_ContextCarriesSnapshotAndDefault()
    {
        EvaluationHookContext seen = default;
        var hook = new DelegateHook(context => seen = context);
        var evaluator = Create(null, hook);
        evaluator.EvaluateString("f", EvaluationContext.ForUnit("u"), "dflt");
        Assert.Same(Snapshot, seen.Snapshot);
        Assert.Equal("dflt", seen.DefaultValue.AsString());
        Assert.Equal(FlagValueKind.String, seen.ExpectedKind);
        Assert.Equal("u", seen.Context.TargetingKey);
    }

    [Fact]
    public void Options_HooksAddedAfterConstruction_AreIgnored()
    {
        var options = new FlagEvaluatorOptions();
        var evaluator = new FlagEvaluator(Snapshot, options);
        var log = new List<string>();
        options.Hooks.Add(new RecordingHook("late", log));
        evaluator.Evaluate("f", EvaluationContext.Empty);
        Assert.Empty(log);
    }

    [Fact]
    public void Options_NullHook_Throws()
    {
        var options = new FlagEvaluatorOptions();
        options.Hooks.Add(null!);
        Assert.Throws<ArgumentException>(() => new FlagEvaluator(Snapshot, options));
        Assert.Throws<ArgumentNullException>(() => new FlagEvaluator(Snapshot, null!));
    }

    private static FlagEvaluator Create(Action<EvaluationHook, Exception>? onError, params EvaluationHook[] hooks)
    {
        var options = new FlagEvaluatorOptions { OnHookError = onError };
        foreach (var hook in hooks)
        {
            options.Hooks.Add(hook);
        }

        return new FlagEvaluator(Snapshot, options);
    }

    private sealed class RecordingHook(string name, List<string> log) : EvaluationHook
    {
        public override void Before(in EvaluationHookContext context) => log.Add($"{name}.before {context.FlagKey} {context.ExpectedKind}");

        public override void After(in EvaluationHookContext context, in FlagEvaluation evaluation) => log.Add($"{name}.after {evaluation.Variant}");

        public override void Error(in EvaluationHookContext context, in FlagEvaluation evaluation) => log.Add($"{name}.error {evaluation.ErrorCodeName}");
    }

    private sealed class ThrowingHook : EvaluationHook
    {
        public override void Before(in EvaluationHookContext context) => throw new InvalidOperationException("before");

        public override void After(in EvaluationHookContext context, in FlagEvaluation evaluation) => throw new InvalidOperationException("after");
    }

    private sealed class DelegateHook(Action<EvaluationHookContext> before) : EvaluationHook
    {
        public override void Before(in EvaluationHookContext context) => before(context);
    }
}
