using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Rollouts;

/// <summary>A change of a rollout's state, with what caused it: the record behind one audit entry.</summary>
/// <param name="Before">The state before.</param>
/// <param name="After">The state after.</param>
/// <param name="Action">The audit action (<see cref="Audit.AuditActions"/>): <c>transition</c> for ticks, the command's name otherwise.</param>
/// <param name="Reason">The reason code (<see cref="RolloutReasons"/>, <c>judge:...</c>) or the human's reason.</param>
/// <param name="Verdict">The verdict that decided, if any.</param>
public sealed record RolloutTransition(RolloutState Before, RolloutState After, string Action, string Reason, JudgeVerdict? Verdict)
{
    /// <summary>Whether a new attempt started (a retry): observations and the judge start afresh.</summary>
    public bool StartsNewAttempt => After.Attempt != Before.Attempt;
}
