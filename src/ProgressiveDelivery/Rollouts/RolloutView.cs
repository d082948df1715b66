using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts;

/// <summary>A read-only picture of one rollout for dashboards and admin endpoints.</summary>
public sealed class RolloutView
{
    /// <summary>The rollout's id.</summary>
    public required string RolloutId { get; init; }

    /// <summary>The flag it drives.</summary>
    public required string FlagKey { get; init; }

    /// <summary>The stable (baseline) variant.</summary>
    public required string StableVariant { get; init; }

    /// <summary>The canary variant.</summary>
    public required string CanaryVariant { get; init; }

    /// <summary>Whether bakes end on a Promote verdict.</summary>
    public bool Adaptive { get; init; }

    /// <summary>The control state (status, step, weight, attempt, times, pause reason).</summary>
    public required RolloutState State { get; init; }

    /// <summary>The number of steps of the plan.</summary>
    public int StepCount { get; init; }

    /// <summary>The current step, or <see langword="null"/> (pending, ended).</summary>
    public RolloutStep? CurrentStep { get; init; }

    /// <summary>The stored document's version (0 before the first save).</summary>
    public long Version { get; init; }

    /// <summary>The last verdict's decision, or <see langword="null"/> before the first judgment.</summary>
    public JudgeDecision? LastDecision { get; init; }

    /// <summary>The last verdict with its evidence, as JSON (survives restarts), or <see langword="null"/>.</summary>
    public JsonElement? LastVerdict { get; init; }

    /// <summary>The baseline arm's exposures in this attempt.</summary>
    public long BaselineExposures { get; init; }

    /// <summary>The baseline arm's failed requests in this attempt.</summary>
    public long BaselineErrors { get; init; }

    /// <summary>The canary arm's exposures in this attempt.</summary>
    public long CanaryExposures { get; init; }

    /// <summary>The canary arm's failed requests in this attempt.</summary>
    public long CanaryErrors { get; init; }

    /// <summary>The message of the last tick failure of this rollout, or <see langword="null"/>; cleared by the next successful tick.</summary>
    public string? LastError { get; init; }

    /// <summary>
    /// Something the manager did on its own that an operator should know, or <see langword="null"/>: for example, that a
    /// rollout whose stored state predates per-unit observations started a fresh attempt. Kept until the process stops.
    /// </summary>
    public string? Notice { get; init; }

    /// <summary>The units first seen in the baseline arm in this attempt.</summary>
    public long BaselineUnits { get; init; }

    /// <summary>The units first seen in the canary arm in this attempt.</summary>
    public long CanaryUnits { get; init; }

    /// <summary>When the view was taken.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
