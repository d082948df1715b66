namespace ProgressiveDelivery.Rollouts;

/// <summary>Stable reason codes of rollout transitions and pauses (beside the judge's <see cref="Analysis.Judging.JudgeReasons"/>).</summary>
public static class RolloutReasons
{
    /// <summary>The first tick started the rollout.</summary>
    public const string Started = "started";

    /// <summary>One or more steps completed (weights set, bakes over, gates passed).</summary>
    public const string StepsCompleted = "steps_completed";

    /// <summary>The plan reached a pause step.</summary>
    public const string PauseStep = "pause_step";

    /// <summary>The judge decided (its reason follows after a colon: <c>judge:metric_failed</c>).</summary>
    public const string JudgePrefix = "judge:";

    /// <summary>An analysis step's timeout passed without a Promote.</summary>
    public const string AnalysisTimeout = "analysis_timeout";

    /// <summary>The plan's maximum duration passed.</summary>
    public const string MaximumDuration = "maximum_duration";

    /// <summary>A human paused the rollout.</summary>
    public const string Manual = "manual";

    /// <summary>
    /// A fresh attempt started because the stored state predates per-unit observations: they cannot be judged per unit,
    /// and nothing is judged retroactively.
    /// </summary>
    public const string StateUpgraded = "state_upgraded";
}
