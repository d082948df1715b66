using System;
using System.Collections.Generic;
using System.Linq;
using CheckoutCanary.Fleet;
using CheckoutCanary.Load;
using ProgressiveDelivery.Rollouts;

namespace CheckoutCanary.Run;

/// <summary>Everything the display shows at one moment: the rollout as the app sees it, and the traffic as users saw it.</summary>
internal sealed record DemoSnapshot(
    Scenario Scenario,
    TimeSpan Elapsed,
    RolloutView Rollout,
    VerdictSummary? Verdict,
    ArmSnapshot Stable,
    ArmSnapshot Canary,
    long CanaryToStable,
    long StableToCanary,
    long OtherPages,
    long TransportErrors,
    string? Notice,
    bool Interactive)
{
    /// <summary>Fleet mode: every replica as its admin endpoints showed it at this moment (empty otherwise).</summary>
    public IReadOnlyList<ReplicaStatus> Replicas { get; init; } = [];

    /// <summary>Fleet mode: the replica holding the rollout's lease, which decides, if one does.</summary>
    public ReplicaStatus? Decider => Replicas.FirstOrDefault(r => r.HoldsLease);

    /// <summary>
    /// Fleet mode: whether every replica answered with the same stored version and the same state. (The decider shows a
    /// transition as soon as it makes it, before its write commits: until then its state differs from the version's.)
    /// </summary>
    public bool ReplicasAgree => Replicas.All(r => r.Error is null && r.Version == Replicas[0].Version && r.State == Replicas[0].State);

    public string StepText => Rollout.CurrentStep is { } step
        ? $"{Rollout.State.StepIndex}: {step} (steps 0 to {Rollout.StepCount - 1})"
        : Rollout.State.IsTerminal ? "done" : "-";

    /// <summary>
    /// The moment's view; in fleet mode with <paramref name="replicas"/>, whose request counts come from the load, and
    /// the judge's verdict from the decider (the one that judged last; the others hold the verdict of the last write).
    /// </summary>
    public static DemoSnapshot Take(
        Scenario scenario, TimeSpan elapsed, RolloutView rollout, LoadGenerator load, string? notice, bool interactive, IReadOnlyList<ReplicaStatus>? replicas = null)
    {
        var counted = (replicas ?? []).Select(r => r with { Requests = load.RequestsTo(r.Number - 1) }).ToArray();
        var snapshot = new DemoSnapshot(
            scenario, elapsed, rollout, Verdict: null,
            ArmSnapshot.Take(load.Stable), ArmSnapshot.Take(load.Canary),
            load.CanaryToStable, load.StableToCanary, load.OtherPages, load.TransportErrors, notice, interactive)
        {
            Replicas = counted,
        };
        return snapshot with { Verdict = VerdictSummary.From(snapshot.Decider?.Verdict ?? rollout.LastVerdict) };
    }
}

/// <summary>One implementation's traffic as the load generator saw it.</summary>
internal sealed record ArmSnapshot(long Requests, long Errors, double ErrorRate, double P50Milliseconds, double P95Milliseconds)
{
    public static ArmSnapshot Take(ArmTraffic arm)
    {
        var (p50, p95) = arm.LatencyQuantiles();
        return new(arm.Requests, arm.Errors, arm.ErrorRate, p50, p95);
    }
}
