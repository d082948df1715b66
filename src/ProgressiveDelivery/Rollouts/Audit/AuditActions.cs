namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>
/// The actions a rollout's audit entries record. <see cref="AuditEvent.Action"/> accepts other values too (lower-case
/// letters, digits and underscores), for actions of extensions.
/// </summary>
public static class AuditActions
{
    /// <summary>The controller moved the rollout from one state to another on its own (a step completed, an analysis passed or failed).</summary>
    public const string Transition = "transition";

    /// <summary>A person promoted the rollout: skipped the remaining steps and sent everyone to the new variant.</summary>
    public const string Promote = "promote";

    /// <summary>A person paused the rollout.</summary>
    public const string Pause = "pause";

    /// <summary>A person resumed a paused rollout.</summary>
    public const string Resume = "resume";

    /// <summary>A person (or the controller, on a failed analysis) aborted the rollout and sent everyone back to the old variant.</summary>
    public const string Abort = "abort";

    /// <summary>A person restarted an aborted rollout from its first step.</summary>
    public const string Retry = "retry";

    /// <summary>A person skipped the current analysis gate.</summary>
    public const string SkipAnalysis = "skip_analysis";
}
