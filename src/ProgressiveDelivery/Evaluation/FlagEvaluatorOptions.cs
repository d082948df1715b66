using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Evaluation;

/// <summary>Options of a <see cref="FlagEvaluator"/>; read once when the evaluator is constructed (later changes have no effect).</summary>
public sealed class FlagEvaluatorOptions
{
    /// <summary>The hooks, run in this order around every evaluation.</summary>
    /// <value>The default value is an empty list: no hooks, and no cost for them.</value>
    public IList<EvaluationHook> Hooks { get; } = new List<EvaluationHook>();

    /// <summary>
    /// Called with the hook and the exception when a hook throws. The exception is otherwise swallowed so that a faulty
    /// hook cannot break flag evaluation; it is always counted in <see cref="FlagEvaluator.HookFailures"/>. Exceptions
    /// thrown by this callback are swallowed too.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: failures are only counted.</value>
    public Action<EvaluationHook, Exception>? OnHookError { get; set; }
}
