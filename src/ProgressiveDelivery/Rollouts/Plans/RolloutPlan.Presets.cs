using System;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>Presets matching familiar tools.</summary>
public sealed partial class RolloutPlan
{
    /// <summary>The canary weights of <see cref="Canary"/>: 1, 5, 10, 25, 50, then 100%.</summary>
    public static readonly double[] CanaryWeights = [1, 5, 10, 25, 50];

    /// <summary>Linear: +<paramref name="incrementPercent"/>% every <paramref name="interval"/> up to 100% (e.g. +20% every 6 minutes).</summary>
    /// <param name="incrementPercent">The increment, in (0, 100].</param>
    /// <param name="interval">The bake time at each weight below 100%.</param>
    /// <returns>The plan: setWeight, bake, setWeight, bake, ..., setWeight 100.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="incrementPercent"/> is not in (0, 100] or <paramref name="interval"/> is not positive.</exception>
    public static RolloutPlan Linear(double incrementPercent, TimeSpan interval)
    {
        if (!(incrementPercent > 0 && incrementPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(incrementPercent), incrementPercent, "The increment must be in (0, 100].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var plan = new RolloutPlan();
        for (var step = 1; step * incrementPercent < 100 - 1e-9; step++)
        {
            plan.AddWeightAndBake(Math.Round(step * incrementPercent, 2), interval);
        }

        plan.Steps.Add(RolloutStep.SetWeight(100));
        return plan;
    }

    /// <summary>Exponential: <paramref name="startPercent"/>%, then x<paramref name="factor"/> every <paramref name="interval"/> until 100% (e.g. 1, 2, 4, ..., 64, 100).</summary>
    /// <param name="startPercent">The first weight, in (0, 100].</param>
    /// <param name="factor">The growth factor, greater than 1.</param>
    /// <param name="interval">The bake time at each weight below 100%.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static RolloutPlan Exponential(double startPercent, double factor, TimeSpan interval)
    {
        if (!(startPercent > 0 && startPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(startPercent), startPercent, "The start must be in (0, 100].");
        }

        if (!(factor > 1 && double.IsFinite(factor)))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be greater than 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var plan = new RolloutPlan();
        for (var weight = startPercent; weight < 100 - 1e-9; weight *= factor)
        {
            plan.AddWeightAndBake(Math.Round(weight, 2), interval);
        }

        plan.Steps.Add(RolloutStep.SetWeight(100));
        return plan;
    }

    /// <summary>Canary: 1, 5, 10, 25, 50% with <paramref name="bake"/> at each, then 100%.</summary>
    /// <param name="bake">The bake time at each weight below 100% (a maximum in adaptive mode).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bake"/> is not positive.</exception>
    public static RolloutPlan Canary(TimeSpan bake)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bake, TimeSpan.Zero);
        var plan = new RolloutPlan();
        foreach (var weight in CanaryWeights)
        {
            plan.AddWeightAndBake(weight, bake);
        }

        plan.Steps.Add(RolloutStep.SetWeight(100));
        return plan;
    }

    /// <summary>
    /// Blue-green: a random preview audience of <paramref name="previewPercent"/>% gets the new variant, the judge must
    /// say Promote (an analysis gate), then everyone switches at once (100%). The old variant stays defined: aborting a
    /// promoted rollout moves everyone back to it at once (instant rollback).
    /// </summary>
    /// <param name="previewPercent">The preview audience's share, in (0, 100).</param>
    /// <param name="analysisTimeout">How long the analysis may take before the inconclusive policy applies; <see langword="null"/> for no limit.</param>
    /// <returns>The plan: setWeight preview, analysis, setWeight 100.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="previewPercent"/> is not in (0, 100).</exception>
    /// <remarks>
    /// The preview audience is a random share, so the judge can compare it with the others. A hand-picked preview group
    /// (a segment) is a targeting rule of the flag serving the new variant: those units see it too but, not being a
    /// random sample, are left out of the comparison.
    /// </remarks>
    public static RolloutPlan BlueGreen(double previewPercent, TimeSpan? analysisTimeout = null)
    {
        if (!(previewPercent > 0 && previewPercent < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(previewPercent), previewPercent, "The preview share must be in (0, 100).");
        }

        return new RolloutPlan([RolloutStep.SetWeight(previewPercent), RolloutStep.Analysis(analysisTimeout), RolloutStep.SetWeight(100)]);
    }

    private void AddWeightAndBake(double weight, TimeSpan bake)
    {
        Steps.Add(RolloutStep.SetWeight(weight));
        Steps.Add(RolloutStep.Bake(bake));
    }
}
