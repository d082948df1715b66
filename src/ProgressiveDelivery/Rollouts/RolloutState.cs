using System;
using System.Globalization;

namespace ProgressiveDelivery.Rollouts;

/// <summary>
/// A rollout's control state: status, step, weight, attempt and the times that drive bakes. Immutable; the
/// <see cref="RolloutController"/> returns a new one for each transition.
/// </summary>
public sealed record RolloutState
{
    /// <summary>The status.</summary>
    public RolloutStatus Status { get; init; }

    /// <summary>The index of the current step (Progressing, Paused); the step count once promoted; 0 otherwise.</summary>
    public int StepIndex { get; init; }

    /// <summary>The canary's weight in force, in basis points (1 = 0.01%).</summary>
    public int WeightBasisPoints { get; init; }

    /// <summary>The attempt number, from 1; a retry starts the next one (with fresh observations).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>When the current attempt started (the first tick), or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? AttemptStartedAt { get; init; }

    /// <summary>When the current step started (or was resumed).</summary>
    public DateTimeOffset? StepStartedAt { get; init; }

    /// <summary>
    /// When the rollout ended (promoted, rolled back or aborted), or <see langword="null"/> while it has not: from then on its
    /// flag serves one variant to everyone (the canary when promoted, the stable variant otherwise).
    /// </summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why the rollout is paused (a <see cref="RolloutReasons"/> or <c>judge:</c> code), or why it ended; otherwise <see langword="null"/>.</summary>
    public string? PauseReason { get; init; }

    /// <summary>Whether the pause came from a pause step (resuming then moves past it).</summary>
    public bool PausedAtStep { get; init; }

    /// <summary>A judge pause reason (or <c>maximum_duration</c>) a human resumed from; the same reason does not pause this attempt again.</summary>
    public string? AcknowledgedPause { get; init; }

    /// <summary>The canary's weight in percent.</summary>
    public double WeightPercent => WeightBasisPoints / 100.0;

    /// <summary>Whether the rollout has ended (promoted, rolled back or aborted).</summary>
    public bool IsTerminal => Status is RolloutStatus.Promoted or RolloutStatus.RolledBack or RolloutStatus.Aborted;

    /// <summary>The state as a short name for audit entries: <c>progressing step 3 at 5%</c>.</summary>
    public override string ToString() => Status switch
    {
        RolloutStatus.Progressing => string.Create(CultureInfo.InvariantCulture, $"progressing step {StepIndex} at {WeightPercent}%"),
        RolloutStatus.Paused => string.Create(CultureInfo.InvariantCulture, $"paused ({PauseReason}) step {StepIndex} at {WeightPercent}%"),
        RolloutStatus.Promoted => "promoted at 100%",
        RolloutStatus.RolledBack => string.Create(CultureInfo.InvariantCulture, $"rolled back ({PauseReason}) at 0%"),
        RolloutStatus.Aborted => "aborted at 0%",
        _ => "pending at 0%",
    };
}
