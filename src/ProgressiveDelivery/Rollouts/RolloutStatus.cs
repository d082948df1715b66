namespace ProgressiveDelivery.Rollouts;

/// <summary>Where a rollout is in its life (see docs/rollouts.md for the state machine).</summary>
public enum RolloutStatus
{
    /// <summary>Defined, not started: the canary is at 0% (everyone on the stable variant). The next tick starts it.</summary>
    Pending = 0,

    /// <summary>Running the step <see cref="RolloutState.StepIndex"/>.</summary>
    Progressing,

    /// <summary>Holding its weight until a human acts; <see cref="RolloutState.PauseReason"/> says why.</summary>
    Paused,

    /// <summary>Finished: the canary is served to 100%. An abort still rolls back at once.</summary>
    Promoted,

    /// <summary>Rolled back by the judge or a policy: everyone on the stable variant. A retry starts a new attempt.</summary>
    RolledBack,

    /// <summary>Aborted by a human (rolled back): everyone on the stable variant. A retry starts a new attempt.</summary>
    Aborted,
}
