namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>What a step of a <see cref="RolloutPlan"/> does.</summary>
public enum RolloutStepKind
{
    /// <summary>Sets the canary's share of the default split and moves on at once.</summary>
    SetWeight = 0,

    /// <summary>
    /// Holds the weight for a duration. In adaptive mode the duration is a maximum: the step ends as soon as the judge
    /// says Promote (after <see cref="RolloutPlan.AdaptiveMinimumBake"/>).
    /// </summary>
    Bake,

    /// <summary>Holds the weight until a human resumes (or promotes) the rollout.</summary>
    Pause,

    /// <summary>Holds the weight until the judge says Promote (or a human skips the analysis).</summary>
    Analysis,
}
