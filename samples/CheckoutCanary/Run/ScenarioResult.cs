using System;
using System.Collections.Generic;
using System.Linq;
using ProgressiveDelivery.Rollouts;

namespace CheckoutCanary.Run;

/// <summary>How one scenario ended, why (the audit trail and the judge's verdict), and the numbers.</summary>
internal sealed record ScenarioResult(
    Scenario Scenario,
    RolloutStatus Status,
    string? Reason,
    bool TimedOut,
    DemoSnapshot Final,
    IReadOnlyList<TrailEntry> Trail,
    IReadOnlyCollection<string> Warnings,
    string StateDirectory)
{
    /// <summary>Whether the rollout ended where the scenario says it should.</summary>
    public bool AsExpected => !TimedOut && Scenario.IsExpectedEnd(Status, Reason);

    /// <summary>Whether the rollout sent the canary's users back to stable at some point (rollback or abort).</summary>
    public bool WentBack => Trail.Any(e => e.After is { } after && (after.StartsWith("rolled back", StringComparison.Ordinal) || after.StartsWith("aborted", StringComparison.Ordinal)));
}

/// <summary>One audit log entry: when (since the app started), who, what, why, and the state before and after.</summary>
internal sealed record TrailEntry(TimeSpan At, string Actor, string Action, string Reason, string? Before, string? After, string? VerdictMessage);
