using System;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts;

/// <summary>Manual commands, each checked against the state.</summary>
public sealed partial class RolloutController
{
    /// <summary>Whether <paramref name="command"/> is allowed now, and if not, why.</summary>
    /// <param name="command">The command.</param>
    /// <param name="why">Why not, or <see langword="null"/> when allowed.</param>
    /// <returns>Whether the command is allowed in the current state.</returns>
    public bool CanExecute(RolloutCommand command, out string? why)
    {
        var status = State.Status;
        var allowed = command switch
        {
            RolloutCommand.Promote => status is RolloutStatus.Progressing or RolloutStatus.Paused,
            RolloutCommand.Pause => status is RolloutStatus.Progressing,
            RolloutCommand.Resume => status is RolloutStatus.Paused,
            RolloutCommand.Abort => status is RolloutStatus.Pending or RolloutStatus.Progressing or RolloutStatus.Paused or RolloutStatus.Promoted,
            RolloutCommand.Retry => status is RolloutStatus.Paused or RolloutStatus.RolledBack or RolloutStatus.Aborted,
            RolloutCommand.SkipAnalysis => CurrentStep?.Kind == RolloutStepKind.Analysis,
            _ => false,
        };
        why = allowed ? null : command switch
        {
            RolloutCommand.Promote => "promote needs a progressing or paused rollout",
            RolloutCommand.Pause => "pause needs a progressing rollout",
            RolloutCommand.Resume => "resume needs a paused rollout",
            RolloutCommand.Abort => "abort needs a rollout that has not already rolled back",
            RolloutCommand.Retry => "retry needs a paused, rolled-back or aborted rollout",
            RolloutCommand.SkipAnalysis => "skip analysis needs a rollout at an analysis step",
            _ => "unknown command",
        };
        return allowed;
    }

    /// <summary>Executes a manual command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="now">The current time.</param>
    /// <param name="reason">The human's reason (audited).</param>
    /// <param name="full">For <see cref="RolloutCommand.Promote"/>: promote to 100% at once instead of completing the current step.</param>
    /// <returns>The transition made.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="RolloutCommandException">The command is not allowed in the current state; nothing changed.</exception>
    public RolloutTransition Execute(RolloutCommand command, DateTimeOffset now, string reason, bool full = false)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var before = State;
        if (!CanExecute(command, out var why))
        {
            throw new RolloutCommandException(
                RolloutId,
                command,
                before,
                $"Rollout '{RolloutId}' cannot {ActionOf(command).Replace('_', ' ')} while {before}: {why}.");
        }

        var after = command switch
        {
            RolloutCommand.Promote when full => RunSteps(before with { Status = RolloutStatus.Progressing, StepIndex = _steps.Length }, now, null, out _),
            RolloutCommand.Promote or RolloutCommand.SkipAnalysis => RunSteps(Resumed(Next(before, now)), now, null, out _),
            RolloutCommand.Pause => before with { Status = RolloutStatus.Paused, PauseReason = RolloutReasons.Manual, PausedAtStep = false },
            RolloutCommand.Resume => RunSteps(Acknowledge(Resumed(before.PausedAtStep ? Next(before, now) : before with { StepStartedAt = now }), before.PauseReason), now, null, out _),
            RolloutCommand.Abort => before with { Status = RolloutStatus.Aborted, WeightBasisPoints = 0, PauseReason = RolloutReasons.Manual, PausedAtStep = false },
            _ => RunSteps(new RolloutState { Status = RolloutStatus.Progressing, Attempt = before.Attempt + 1, AttemptStartedAt = now, StepStartedAt = now }, now, null, out _),
        };

        after = Ended(before, after, now);
        State = after;
        return new RolloutTransition(before, after, ActionOf(command), reason, null);
    }

    /// <summary>Starts the next attempt from the first step whatever the status (for a state that cannot be judged any more).</summary>
    internal RolloutTransition RestartAttempt(DateTimeOffset now, string reason)
    {
        var before = State;
        var after = RunSteps(new RolloutState { Status = RolloutStatus.Progressing, Attempt = before.Attempt + 1, AttemptStartedAt = now, StepStartedAt = now }, now, null, out _);
        State = after;
        return new RolloutTransition(before, after, AuditActions.Retry, reason, null);
    }

    /// <summary>The audit action name of a command.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The <see cref="AuditActions"/> constant.</returns>
    public static string ActionOf(RolloutCommand command) => command switch
    {
        RolloutCommand.Promote => AuditActions.Promote,
        RolloutCommand.Pause => AuditActions.Pause,
        RolloutCommand.Resume => AuditActions.Resume,
        RolloutCommand.Abort => AuditActions.Abort,
        RolloutCommand.Retry => AuditActions.Retry,
        _ => AuditActions.SkipAnalysis,
    };

    private static RolloutState Resumed(RolloutState state) =>
        state with { Status = RolloutStatus.Progressing, PauseReason = null, PausedAtStep = false };

    // A judge pause or the maximum duration a human resumed from does not pause this attempt again for the same reason.
    private static RolloutState Acknowledge(RolloutState state, string? pauseReason) =>
        pauseReason is not null
        && (pauseReason.StartsWith(RolloutReasons.JudgePrefix, StringComparison.Ordinal) || pauseReason == RolloutReasons.MaximumDuration)
            ? state with { AcknowledgedPause = pauseReason }
            : state;
}
