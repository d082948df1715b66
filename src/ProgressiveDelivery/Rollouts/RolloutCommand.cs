namespace ProgressiveDelivery.Rollouts;

/// <summary>The manual commands of a rollout (legality: see <see cref="RolloutController"/>).</summary>
public enum RolloutCommand
{
    /// <summary>Complete the current step (or, with <c>full</c>, the whole plan) now.</summary>
    Promote = 0,

    /// <summary>Hold the current weight until resumed.</summary>
    Pause,

    /// <summary>Continue a paused rollout (past the step when it paused at a pause step).</summary>
    Resume,

    /// <summary>Roll back now: everyone on the stable variant.</summary>
    Abort,

    /// <summary>Start a new attempt from the first step, with fresh observations and a fresh judge.</summary>
    Retry,

    /// <summary>Pass the current analysis gate without the judge's Promote.</summary>
    SkipAnalysis,
}
