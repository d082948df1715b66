using System;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts.Plans.Internal;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>
/// The rollouts of a definitions document (<c>"rollouts": { "id": { ... } }</c>, read by <see cref="RolloutSetJson"/>)
/// or built in code, in definition order.
/// </summary>
public sealed class RolloutSet
{
    /// <summary>The rollouts, in definition order (a repeated id is kept, for validation to report).</summary>
    public IList<RolloutDefinition> Rollouts { get; } = new List<RolloutDefinition>();

    /// <summary>
    /// Checks every rollout against itself and against the flags it drives, reporting every error at once with its
    /// JSON path (<c>$.rollouts['checkout'].plan.steps[2].setWeight</c>): ids (valid, unique), the flag (exists, not
    /// driven by two rollouts), both variants (exist, differ), the plan (steps, weights at 0.01% resolution, durations,
    /// policies) and the judge options (valid, metric names from <see cref="RolloutMetrics"/>).
    /// </summary>
    /// <param name="flags">The flag definitions the rollouts refer to (typically <see cref="FlagEvaluator.BaseSnapshot"/>).</param>
    /// <returns>Every error found, or an empty list.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flags"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<DefinitionError> Validate(FlagSnapshot flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return RolloutSetValidator.Validate(this, flags);
    }
}
