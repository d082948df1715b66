using System;
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
    public string StepText => Rollout.CurrentStep is { } step
        ? $"{Rollout.State.StepIndex}: {step} (steps 0 to {Rollout.StepCount - 1})"
        : Rollout.State.IsTerminal ? "done" : "-";

    public static DemoSnapshot Take(Scenario scenario, TimeSpan elapsed, RolloutView rollout, LoadGenerator load, string? notice, bool interactive) => new(
        scenario, elapsed, rollout, VerdictSummary.From(rollout.LastVerdict),
        ArmSnapshot.Take(load.Stable), ArmSnapshot.Take(load.Canary),
        load.CanaryToStable, load.StableToCanary, load.OtherPages, load.TransportErrors, notice, interactive);
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
