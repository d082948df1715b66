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
    /// <summary>Where the state and audit log are: the folder, or in fleet mode the PostgreSQL schema.</summary>
    public string Storage { get; init; } = StateDirectory;

    /// <summary>Fleet mode: each replica that held the rollout's lease (so decided), from when it was first seen holding it.</summary>
    public IReadOnlyList<LeaseHolding> Deciders { get; init; } = [];

    /// <summary>Whether Ctrl+C or SIGTERM stopped the scenario before it ended (<see cref="Final"/> is where it was).</summary>
    public bool Interrupted { get; init; }

    /// <summary>
    /// Whether the rollout ended where the scenario says it should: the interactive scenario always does (where you took
    /// it); an interrupted or timed-out one never does.
    /// </summary>
    public bool AsExpected => Scenario.ExpectedStatus is null || !TimedOut && !Interrupted && Scenario.IsExpectedEnd(Status, Reason);

    /// <summary>Whether the rollout sent the canary's users back to stable at some point (rollback or abort).</summary>
    public bool WentBack => Trail.Any(e => e.After is { } after && (after.StartsWith("rolled back", StringComparison.Ordinal) || after.StartsWith("aborted", StringComparison.Ordinal)));
}

/// <summary>One audit log entry: when (since the app started), who, what, why, and the state before and after.</summary>
internal sealed record TrailEntry(TimeSpan At, string Actor, string Action, string Reason, string? Before, string? After, string? VerdictMessage);

/// <summary>Fleet mode: a replica seen holding the rollout's lease from <see cref="From"/> (since the app started).</summary>
internal sealed record LeaseHolding(TimeSpan From, string ReplicaId, int ProcessId);
