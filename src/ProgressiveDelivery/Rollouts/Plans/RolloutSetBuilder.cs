using System;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>
/// Builds a <see cref="RolloutSet"/> in code:
/// <c>new RolloutSetBuilder().Rollout("checkout-v2", r => r.Flag("checkout", "old", "new").Plan(RolloutPlan.Canary(TimeSpan.FromMinutes(10))).Adaptive()).Build()</c>.
/// </summary>
public sealed class RolloutSetBuilder
{
    private readonly RolloutSet _set = new();

    /// <summary>Adds a rollout.</summary>
    /// <param name="id">The rollout's id.</param>
    /// <param name="configure">Describes it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public RolloutSetBuilder Rollout(string id, Action<RolloutBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new RolloutBuilder(id);
        configure(builder);
        _set.Rollouts.Add(builder.Definition);
        return this;
    }

    /// <summary>Returns the rollouts added (validate them with <see cref="RolloutSet.Validate"/>, or load them with <see cref="RolloutManager.LoadAsync"/>).</summary>
    /// <returns>The set.</returns>
    public RolloutSet Build() => _set;
}
