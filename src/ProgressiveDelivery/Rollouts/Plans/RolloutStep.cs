using System;
using System.Globalization;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>One step of a <see cref="RolloutPlan"/>. Immutable; created with the static factories.</summary>
public sealed class RolloutStep
{
    private RolloutStep(RolloutStepKind kind, double weightPercent, TimeSpan? duration)
    {
        Kind = kind;
        WeightPercent = weightPercent;
        Duration = duration;
    }

    /// <summary>What the step does.</summary>
    public RolloutStepKind Kind { get; }

    /// <summary>The canary's share in percent for <see cref="RolloutStepKind.SetWeight"/> (0.01% resolution); otherwise 0.</summary>
    public double WeightPercent { get; }

    /// <summary>
    /// The bake time of a <see cref="RolloutStepKind.Bake"/> step, or the optional timeout of an
    /// <see cref="RolloutStepKind.Analysis"/> step (after which the plan's inconclusive policy applies); otherwise <see langword="null"/>.
    /// </summary>
    public TimeSpan? Duration { get; }

    /// <summary>The weight in basis points (1 = 0.01%).</summary>
    public int WeightBasisPoints => (int)Math.Round(WeightPercent * 100, MidpointRounding.AwayFromZero);

    /// <summary>A step that sets the canary's share. Checked by validation: in [0, 100], a multiple of 0.01.</summary>
    /// <param name="percent">The canary's share in percent.</param>
    /// <returns>The step.</returns>
    public static RolloutStep SetWeight(double percent) => new(RolloutStepKind.SetWeight, percent, null);

    /// <summary>A step that holds the weight for <paramref name="duration"/> (a maximum in adaptive mode). Checked by validation: positive.</summary>
    /// <param name="duration">The bake time.</param>
    /// <returns>The step.</returns>
    public static RolloutStep Bake(TimeSpan duration) => new(RolloutStepKind.Bake, 0, duration);

    /// <summary>A step that waits for a human to resume the rollout.</summary>
    /// <returns>The step.</returns>
    public static RolloutStep Pause() => new(RolloutStepKind.Pause, 0, null);

    /// <summary>A gate that waits until the judge says Promote.</summary>
    /// <param name="timeout">How long to wait before the plan's inconclusive policy applies; <see langword="null"/> for no limit.</param>
    /// <returns>The step.</returns>
    public static RolloutStep Analysis(TimeSpan? timeout = null) => new(RolloutStepKind.Analysis, 0, timeout);

    /// <summary>The step as text: <c>setWeight 5%</c>, <c>bake 00:10:00</c>, <c>pause</c>, <c>analysis</c>.</summary>
    public override string ToString() => Kind switch
    {
        RolloutStepKind.SetWeight => string.Create(CultureInfo.InvariantCulture, $"setWeight {WeightPercent}%"),
        RolloutStepKind.Bake => string.Create(CultureInfo.InvariantCulture, $"bake {Duration:c}"),
        RolloutStepKind.Analysis when Duration is { } timeout => string.Create(CultureInfo.InvariantCulture, $"analysis (timeout {timeout:c})"),
        RolloutStepKind.Analysis => "analysis",
        _ => "pause",
    };
}
