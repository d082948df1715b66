using System;
using ProgressiveDelivery.Rollouts;

namespace CheckoutCanary;

/// <summary>What the canary checkout does wrong (if anything) and what the rollout should end in.</summary>
internal sealed record Scenario(
    string Name,
    string Story,
    double CanaryErrorRate,
    double CanaryLatencyFactor,
    bool SendsCheckoutTraffic,
    RolloutStatus? ExpectedStatus,
    string? ExpectedReason)
{
    /// <summary>Errors of the stable checkout (and of a healthy canary): 0.5% of requests answer 500.</summary>
    public const double StableErrorRate = 0.005;

    public static Scenario Healthy { get; } = new(
        "healthy",
        "The canary is as good as stable: the rollout walks 5% -> 20% -> 50% -> 100%.",
        StableErrorRate, 1.0, SendsCheckoutTraffic: true, RolloutStatus.Promoted, ExpectedReason: null);

    public static Scenario ErrorRegression { get; } = new(
        "error-regression",
        "The canary fails 8% of checkouts (stable: 0.5%): the judge proves it worse and rolls back.",
        0.08, 1.0, SendsCheckoutTraffic: true, RolloutStatus.RolledBack, ExpectedReason: null);

    public static Scenario LatencyRegression { get; } = new(
        "latency-regression",
        "The canary is 60% slower than stable: the judge proves it worse and rolls back.",
        StableErrorRate, 1.6, SendsCheckoutTraffic: true, RolloutStatus.RolledBack, ExpectedReason: null);

    public static Scenario NoTraffic { get; } = new(
        "no-traffic",
        "Users browse other pages but nobody checks out: the judge pauses with no_data, never rolls back.",
        StableErrorRate, 1.0, SendsCheckoutTraffic: false, RolloutStatus.Paused, ExpectedReason: RolloutReasons.JudgePrefix + "no_data");

    /// <summary>Kept running; the canary's faults are toggled from the keyboard.</summary>
    public static Scenario Interactive { get; } = new(
        "interactive",
        "Runs until you quit: promote, pause, resume, abort and retry through the admin endpoints, and break the canary.",
        StableErrorRate, 1.0, SendsCheckoutTraffic: true, ExpectedStatus: null, ExpectedReason: null);

    /// <summary>The scenarios <c>--scenario</c> accepts.</summary>
    public static Scenario[] NonInteractive { get; } = [Healthy, ErrorRegression, LatencyRegression, NoTraffic];

    public static Scenario? Find(string name) =>
        Array.Find(NonInteractive, s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a rollout in <paramref name="status"/> with <paramref name="pauseReason"/> is where this scenario ends
    /// (always, for the interactive one: it ends where you take it).
    /// </summary>
    public bool IsExpectedEnd(RolloutStatus status, string? pauseReason) =>
        ExpectedStatus is null || status == ExpectedStatus && (ExpectedReason is null || string.Equals(pauseReason, ExpectedReason, StringComparison.Ordinal));
}
