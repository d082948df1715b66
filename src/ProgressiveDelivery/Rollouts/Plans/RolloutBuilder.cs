using System;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>
/// Builds one <see cref="RolloutDefinition"/> in code (through <see cref="RolloutSetBuilder.Rollout"/>). Nothing is
/// checked here: <see cref="RolloutSet.Validate"/> reports every problem at once, as for JSON.
/// </summary>
public sealed class RolloutBuilder
{
    internal RolloutBuilder(string id) => Definition = new RolloutDefinition { Id = id };

    internal RolloutDefinition Definition { get; }

    /// <summary>Sets the flag and its two variants.</summary>
    /// <param name="flagKey">The flag whose default split the rollout drives.</param>
    /// <param name="stableVariant">The variant everyone is on before (and after a rollback).</param>
    /// <param name="canaryVariant">The new variant.</param>
    /// <returns>This builder.</returns>
    public RolloutBuilder Flag(string flagKey, string stableVariant, string canaryVariant)
    {
        Definition.FlagKey = flagKey;
        Definition.StableVariant = stableVariant;
        Definition.CanaryVariant = canaryVariant;
        return this;
    }

    /// <summary>Uses a plan (a preset such as <see cref="RolloutPlan.Canary"/>, or one built by hand), replacing the steps added so far.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is <see langword="null"/>.</exception>
    public RolloutBuilder Plan(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Definition.Plan = plan;
        return this;
    }

    /// <summary>Adds a step that sets the canary's share.</summary>
    /// <param name="percent">The share in percent (0.01% resolution).</param>
    /// <returns>This builder.</returns>
    public RolloutBuilder SetWeight(double percent) => Step(RolloutStep.SetWeight(percent));

    /// <summary>Adds a bake step (a maximum in adaptive mode).</summary>
    /// <param name="duration">The bake time.</param>
    /// <returns>This builder.</returns>
    public RolloutBuilder Bake(TimeSpan duration) => Step(RolloutStep.Bake(duration));

    /// <summary>Adds a step that waits for a human.</summary>
    /// <returns>This builder.</returns>
    public RolloutBuilder Pause() => Step(RolloutStep.Pause());

    /// <summary>Adds an analysis gate.</summary>
    /// <param name="timeout">How long to wait for Promote before the inconclusive policy applies; <see langword="null"/> for no limit.</param>
    /// <returns>This builder.</returns>
    public RolloutBuilder Analysis(TimeSpan? timeout = null) => Step(RolloutStep.Analysis(timeout));

    /// <summary>Sets adaptive mode (bakes end on the judge's Promote).</summary>
    /// <param name="adaptive">Whether the rollout is adaptive.</param>
    /// <returns>This builder.</returns>
    public RolloutBuilder Adaptive(bool adaptive = true)
    {
        Definition.Adaptive = adaptive;
        return this;
    }

    /// <summary>Changes the plan's settings (maximum duration, policies, background analysis).</summary>
    /// <param name="configure">Changes the plan.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public RolloutBuilder ConfigurePlan(Action<RolloutPlan> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Definition.Plan);
        return this;
    }

    /// <summary>Changes the judge's options (starting from <see cref="RolloutMetrics.CreateDefaultJudgeOptions"/>).</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public RolloutBuilder Judge(Action<JudgeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Definition.Judge);
        return this;
    }

    private RolloutBuilder Step(RolloutStep step)
    {
        Definition.Plan.Steps.Add(step);
        return this;
    }
}
