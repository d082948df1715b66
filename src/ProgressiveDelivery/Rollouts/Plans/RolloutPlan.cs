using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>
/// How a rollout moves its canary from 0% to 100%: ordered steps, plan-wide background analysis, a maximum duration
/// and the policies for undecidable situations. A settable description, validated when a rollout is loaded
/// (<see cref="RolloutSet.Validate"/>). Presets: <see cref="Linear"/>, <see cref="Exponential"/>, <see cref="Canary"/>,
/// <see cref="BlueGreen"/>.
/// </summary>
/// <remarks>
/// After the last step the rollout is promoted: the canary is served to 100% of the default split, whatever the last
/// weight was.
/// </remarks>
public sealed partial class RolloutPlan
{
    /// <summary>The steps, in order. At least one is required.</summary>
    public IList<RolloutStep> Steps { get; } = new List<RolloutStep>();

    /// <summary>
    /// Whether the judge's verdict applies at every step (background analysis): Rollback rolls back, Pause pauses,
    /// whatever step is running. When off, verdicts only matter at <see cref="RolloutStepKind.Analysis"/> steps (and
    /// for adaptive bakes).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool BackgroundAnalysis { get; set; } = true;

    /// <summary>How long an attempt may run before <see cref="OnInconclusive"/> applies (time paused included).</summary>
    /// <value>The default value is <see langword="null"/>: no limit.</value>
    public TimeSpan? MaximumDuration { get; set; }

    /// <summary>What to do when the judge pauses because the canary received no traffic (<c>no_data</c>).</summary>
    /// <value>The default value is <see cref="RolloutPolicy.Pause"/> (no data never rolls back by default).</value>
    public RolloutPolicy OnNoData { get; set; } = RolloutPolicy.Pause;

    /// <summary>What to do on a sample-ratio mismatch (unhealthy assignment, <c>srm</c>).</summary>
    /// <value>The default value is <see cref="RolloutPolicy.Pause"/>.</value>
    public RolloutPolicy OnUnhealthyAssignment { get; set; } = RolloutPolicy.Pause;

    /// <summary>What to do when nothing is proven in time: the judge's <c>inconclusive</c>, an analysis timeout, or <see cref="MaximumDuration"/>.</summary>
    /// <value>The default value is <see cref="RolloutPolicy.Pause"/>.</value>
    public RolloutPolicy OnInconclusive { get; set; } = RolloutPolicy.Pause;

    /// <summary>
    /// In adaptive mode, how long a bake step runs at least before a Promote verdict may end it, so that every weight
    /// is exercised before the next one.
    /// </summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan AdaptiveMinimumBake { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Creates an empty plan to fill in.</summary>
    public RolloutPlan()
    {
    }

    /// <summary>Creates a plan with these steps and the default settings.</summary>
    /// <param name="steps">The steps, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="steps"/> is <see langword="null"/>.</exception>
    public RolloutPlan(IEnumerable<RolloutStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            Steps.Add(step);
        }
    }
}
