namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>What a rollout does when the judge cannot decide (no data, unhealthy assignment, inconclusive).</summary>
public enum RolloutPolicy
{
    /// <summary>Pause for a human, keeping the current weight.</summary>
    Pause = 0,

    /// <summary>Roll back: everyone on the stable variant at once.</summary>
    Rollback,
}
