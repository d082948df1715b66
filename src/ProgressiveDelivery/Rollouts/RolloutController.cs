using System;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts;

/// <summary>
/// The state machine of one rollout: pure (no I/O, no clock of its own), driven by <see cref="Tick"/> with the time
/// and the judge's latest verdict, and by manual commands. Each call returns the transition it made, or
/// <see langword="null"/> when nothing changed. Not thread-safe: one caller at a time (the <see cref="RolloutManager"/>).
/// </summary>
/// <remarks>
/// <para>A tick, while progressing: (1) a Rollback verdict rolls back and a Pause verdict pauses (or rolls back, per the
/// plan's policy for its reason) when background analysis is on or an analysis step is running; (2) past the plan's
/// maximum duration the inconclusive policy applies; (3) steps run: set-weight steps complete at once, a bake when its
/// time is over (adaptive: as soon as a Promote verdict on data from this step arrives, after the minimum bake), an
/// analysis gate on a Promote verdict on data from this step (or at its timeout: the inconclusive policy), a pause
/// step pauses. After the last step the rollout is promoted to 100%.</para>
/// <para>Commands and the states that allow them: promote (progressing, paused), pause (progressing), resume (paused),
/// abort (pending, progressing, paused, promoted), retry (paused, rolled back, aborted), skip analysis (progressing or
/// paused at an analysis step). Any other combination throws <see cref="RolloutCommandException"/> and changes nothing.</para>
/// </remarks>
public sealed partial class RolloutController
{
    private readonly RolloutStep[] _steps;
    private readonly bool _backgroundAnalysis;
    private readonly TimeSpan? _maximumDuration;
    private readonly RolloutPolicy _onNoData;
    private readonly RolloutPolicy _onUnhealthyAssignment;
    private readonly RolloutPolicy _onInconclusive;
    private readonly TimeSpan _adaptiveMinimumBake;

    /// <summary>Creates the controller of a rollout, pending or resumed from a persisted state.</summary>
    /// <param name="rolloutId">The rollout's id (for error messages).</param>
    /// <param name="plan">The plan (copied: later changes have no effect). It must be valid (<see cref="RolloutSet.Validate"/>).</param>
    /// <param name="adaptive">Whether bakes end on a Promote verdict.</param>
    /// <param name="state">The state to resume from; <see langword="null"/> for a new, pending rollout.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> or <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The plan has no step.</exception>
    public RolloutController(string rolloutId, RolloutPlan plan, bool adaptive, RolloutState? state = null)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Steps.Count == 0)
        {
            throw new ArgumentException("The plan has no step.", nameof(plan));
        }

        RolloutId = rolloutId;
        _steps = new RolloutStep[plan.Steps.Count];
        plan.Steps.CopyTo(_steps, 0);
        _backgroundAnalysis = plan.BackgroundAnalysis;
        _maximumDuration = plan.MaximumDuration;
        _onNoData = plan.OnNoData;
        _onUnhealthyAssignment = plan.OnUnhealthyAssignment;
        _onInconclusive = plan.OnInconclusive;
        _adaptiveMinimumBake = plan.AdaptiveMinimumBake;
        Adaptive = adaptive;
        State = state is null ? new RolloutState() : state with { StepIndex = Math.Min(state.StepIndex, _steps.Length) };
    }

    /// <summary>The rollout's id.</summary>
    public string RolloutId { get; }

    /// <summary>Whether bakes end on a Promote verdict.</summary>
    public bool Adaptive { get; }

    /// <summary>The current state.</summary>
    public RolloutState State { get; private set; }

    /// <summary>The number of steps of the plan.</summary>
    public int StepCount => _steps.Length;

    /// <summary>The current step, or <see langword="null"/> when there is none (pending, ended).</summary>
    public RolloutStep? CurrentStep =>
        State.Status is RolloutStatus.Progressing or RolloutStatus.Paused && State.StepIndex < _steps.Length ? _steps[State.StepIndex] : null;

    /// <summary>Advances the rollout by time and the judge's verdict.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="verdict">The judge's verdict at <paramref name="now"/> (its look covers the interval since the previous tick), or <see langword="null"/> when the judge did not look.</param>
    /// <returns>The transition made, or <see langword="null"/> when the state did not change.</returns>
    public RolloutTransition? Tick(DateTimeOffset now, JudgeVerdict? verdict)
    {
        var before = State;
        string reason;
        RolloutState after;
        switch (before.Status)
        {
            case RolloutStatus.Pending:
                var started = before with { Status = RolloutStatus.Progressing, StepIndex = 0, WeightBasisPoints = 0, AttemptStartedAt = now, StepStartedAt = now };
                after = RunSteps(started, now, null, out _);
                reason = RolloutReasons.Started;
                break;
            case RolloutStatus.Progressing:
                after = TickProgressing(before, now, verdict, out reason);
                break;
            default:
                return null;
        }

        return Commit(before, Ended(before, after, now), Audit.AuditActions.Transition, reason, verdict);
    }

    private RolloutState TickProgressing(RolloutState state, DateTimeOffset now, JudgeVerdict? verdict, out string reason)
    {
        var gated = _backgroundAnalysis || CurrentStep?.Kind == RolloutStepKind.Analysis;
        if (verdict is not null && gated)
        {
            reason = RolloutReasons.JudgePrefix + verdict.Reason;
            if (verdict.Decision == JudgeDecision.Rollback)
            {
                return RolledBack(state, reason);
            }

            if (verdict.Decision == JudgeDecision.Pause && !string.Equals(state.AcknowledgedPause, reason, StringComparison.Ordinal))
            {
                return ApplyPolicy(state, PolicyFor(verdict.Reason), reason);
            }
        }

        if (_maximumDuration is { } maximum && state.AttemptStartedAt is { } started && now - started >= maximum
            && !string.Equals(state.AcknowledgedPause, RolloutReasons.MaximumDuration, StringComparison.Ordinal))
        {
            reason = RolloutReasons.MaximumDuration;
            return ApplyPolicy(state, _onInconclusive, reason);
        }

        return RunSteps(state, now, verdict, out reason);
    }

    // Runs steps from the current one until one has to wait; the reason says what stopped it when not a wait.
    private RolloutState RunSteps(RolloutState state, DateTimeOffset now, JudgeVerdict? verdict, out string reason)
    {
        reason = RolloutReasons.StepsCompleted;
        while (state.StepIndex < _steps.Length)
        {
            var step = _steps[state.StepIndex];
            var elapsed = now - (state.StepStartedAt ?? now);
            var promoteForStep = verdict is { Decision: JudgeDecision.Promote } && state.StepStartedAt is { } stepStart && verdict.Timestamp > stepStart;
            switch (step.Kind)
            {
                case RolloutStepKind.SetWeight:
                    state = Next(state with { WeightBasisPoints = step.WeightBasisPoints }, now);
                    continue;
                case RolloutStepKind.Bake:
                    var baked = elapsed >= step.Duration!.Value
                        || (Adaptive && promoteForStep && elapsed >= _adaptiveMinimumBake);
                    if (!baked)
                    {
                        return state;
                    }

                    state = Next(state, now);
                    continue;
                case RolloutStepKind.Analysis:
                    if (promoteForStep)
                    {
                        state = Next(state, now);
                        continue;
                    }

                    if (step.Duration is { } timeout && elapsed >= timeout)
                    {
                        reason = RolloutReasons.AnalysisTimeout;
                        return ApplyPolicy(state, _onInconclusive, reason);
                    }

                    return state;
                default:
                    reason = RolloutReasons.PauseStep;
                    return state with { Status = RolloutStatus.Paused, PauseReason = reason, PausedAtStep = true };
            }
        }

        return state with { Status = RolloutStatus.Promoted, StepIndex = _steps.Length, WeightBasisPoints = Evaluation.SplitOverride.FullWeight, PauseReason = null, PausedAtStep = false };
    }

    private static RolloutState Next(RolloutState state, DateTimeOffset now) => state with { StepIndex = state.StepIndex + 1, StepStartedAt = now };

    private RolloutPolicy PolicyFor(string judgeReason) => judgeReason switch
    {
        JudgeReasons.NoData => _onNoData,
        JudgeReasons.SampleRatioMismatch => _onUnhealthyAssignment,
        JudgeReasons.Inconclusive => _onInconclusive,
        _ => RolloutPolicy.Pause,
    };

    private static RolloutState ApplyPolicy(RolloutState state, RolloutPolicy policy, string reason) => policy == RolloutPolicy.Rollback
        ? RolledBack(state, reason)
        : state with { Status = RolloutStatus.Paused, PauseReason = reason, PausedAtStep = false };

    private static RolloutState RolledBack(RolloutState state, string reason) =>
        state with { Status = RolloutStatus.RolledBack, WeightBasisPoints = 0, PauseReason = reason, PausedAtStep = false };

    // Stamps when the rollout ended; a state that has not ended has no end time (a retry starts afresh anyway).
    private static RolloutState Ended(RolloutState before, RolloutState after, DateTimeOffset now) =>
        after.IsTerminal
            ? (before.IsTerminal && before.Status == after.Status ? after : after with { EndedAt = now })
            : (after.EndedAt is null ? after : after with { EndedAt = null });

    private RolloutTransition? Commit(RolloutState before, RolloutState after, string action, string reason, JudgeVerdict? verdict)
    {
        if (after == before)
        {
            return null;
        }

        State = after;
        return new RolloutTransition(before, after, action, reason, verdict);
    }
}
