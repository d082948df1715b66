namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Observes evaluations of a <see cref="FlagEvaluator"/> (telemetry, logging, recording). Override the stages you need;
/// the base methods do nothing. Hooks run synchronously on the evaluating thread, in registration order, so keep them
/// cheap and allocation-free. They see the evaluation the caller asked for, not the prerequisite evaluations inside it.
/// </summary>
/// <remarks>
/// An exception thrown by a hook never changes or breaks the evaluation: it is caught, counted in
/// <see cref="FlagEvaluator.HookFailures"/>, and handed to <see cref="FlagEvaluatorOptions.OnHookError"/> when set; the
/// remaining hooks still run.
/// </remarks>
public abstract class EvaluationHook
{
    /// <summary>Called before the flag is evaluated.</summary>
    /// <param name="context">What is being evaluated.</param>
    public virtual void Before(in EvaluationHookContext context)
    {
    }

    /// <summary>Called after a successful evaluation (<see cref="FlagEvaluation.IsError"/> is <see langword="false"/>).</summary>
    /// <param name="context">What was evaluated.</param>
    /// <param name="evaluation">The result.</param>
    public virtual void After(in EvaluationHookContext context, in FlagEvaluation evaluation)
    {
    }

    /// <summary>Called instead of <see cref="After"/> when the evaluation returned the caller's default because of an error.</summary>
    /// <param name="context">What was evaluated.</param>
    /// <param name="evaluation">The error result (reason <see cref="EvaluationReason.Error"/> and its <see cref="FlagEvaluation.ErrorCode"/>).</param>
    public virtual void Error(in EvaluationHookContext context, in FlagEvaluation evaluation)
    {
    }
}
