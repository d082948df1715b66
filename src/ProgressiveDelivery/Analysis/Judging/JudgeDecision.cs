namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>What the rollout controller should do after a judgment.</summary>
public enum JudgeDecision
{
    /// <summary>Keep the current step and collect more data.</summary>
    Continue = 0,

    /// <summary>The current step is proven safe: every deciding metric is inside its margin.</summary>
    Promote = 1,

    /// <summary>A human is needed: unhealthy assignment, no traffic past the limit, a signal-only failure, or no decision in time.</summary>
    Pause = 2,

    /// <summary>The canary is proven worse on a metric that may roll back.</summary>
    Rollback = 3,
}
