using System.Collections.Generic;

namespace ProgressiveDelivery.Rollouts;

/// <summary>What one <see cref="RolloutManager.TickAsync"/> did: the transitions made and the rollouts that failed.</summary>
/// <param name="Transitions">The transitions made, by rollout id (audited and persisted).</param>
/// <param name="Failures">The rollouts whose tick threw (the others were ticked regardless).</param>
public sealed record RolloutTickReport(IReadOnlyDictionary<string, RolloutTransition> Transitions, IReadOnlyList<RolloutTickFailure> Failures);
