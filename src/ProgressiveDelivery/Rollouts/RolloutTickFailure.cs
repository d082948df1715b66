using System;

namespace ProgressiveDelivery.Rollouts;

/// <summary>A rollout whose tick failed; the other rollouts were ticked regardless.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Exception">What went wrong.</param>
public sealed record RolloutTickFailure(string RolloutId, Exception Exception);
