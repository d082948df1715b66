using System;
using System.Collections.Generic;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>What the judge sees at one look: both arms' cumulative observations, the split in force and the time.</summary>
/// <remarks>
/// The summaries are cumulative since the canary started (as <see cref="ArmObservations.GetSummary"/> returns them);
/// the judge derives the increments since its previous look itself. Counts and exposures must never decrease.
/// </remarks>
public sealed class JudgeInput
{
    /// <summary>Creates the input of one look.</summary>
    /// <param name="baseline">The baseline arm's cumulative summary.</param>
    /// <param name="canary">The canary arm's cumulative summary.</param>
    /// <param name="canaryShare">The share of traffic assigned to the canary since the previous look, in [0, 1].</param>
    /// <param name="now">The current time, from the caller's <see cref="TimeProvider"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="baseline"/> or <paramref name="canary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="canaryShare"/> is not in [0, 1].</exception>
    public JudgeInput(ArmSummary baseline, ArmSummary canary, double canaryShare, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        if (!(canaryShare >= 0 && canaryShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(canaryShare), canaryShare, "The canary share must be in [0, 1].");
        }

        Baseline = baseline;
        Canary = canary;
        CanaryShare = canaryShare;
        Now = now;
    }

    /// <summary>The baseline arm's cumulative summary.</summary>
    public ArmSummary Baseline { get; }

    /// <summary>The canary arm's cumulative summary.</summary>
    public ArmSummary Canary { get; }

    /// <summary>The share of traffic assigned to the canary since the previous look (the expected exposure share).</summary>
    public double CanaryShare { get; }

    /// <summary>The time of the look.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// The same observations split by the step they were recorded under, oldest first, when the caller knows it (a
    /// fleet's decider does): the judge then compares the arms within each step's data instead of deriving the
    /// segments from the share in force between looks. <see langword="null"/> otherwise.
    /// </summary>
    internal IReadOnlyList<Internal.JudgeStep>? Steps { get; init; }

    /// <summary>
    /// With <see cref="UnitOfAnalysis.Unit"/>: the units new at this look, per step share (a fleet's decider knows
    /// them); the sample-ratio test then takes these instead of the differences of the arms' cumulative unit counts,
    /// which a late flush of an earlier step can lower. <see langword="null"/> otherwise.
    /// </summary>
    internal IReadOnlyList<Internal.UnitFeed>? UnitFeeds { get; init; }
}
