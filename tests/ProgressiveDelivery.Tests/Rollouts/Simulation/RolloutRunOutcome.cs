using ProgressiveDelivery.Rollouts;

namespace ProgressiveDelivery.Tests.Rollouts.Simulation;

/// <summary>How one simulated rollout ended: its final status, when (minutes after the start) and why.</summary>
internal readonly record struct RolloutRunOutcome(RolloutStatus Status, int Minute, string? Reason);
