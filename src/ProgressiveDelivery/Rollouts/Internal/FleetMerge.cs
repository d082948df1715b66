using System;
using System.Collections.Generic;
using ProgressiveDelivery.Analysis.Judging.Internal;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Fleet;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// The merge a decider judges: every replica's latest row of one attempt, summed step by step and then over the steps;
/// units merged by union and counted once per attempt, in the arm (and step) that saw them first, as one process counts
/// them (<see cref="RolloutArms"/>); and the steps on their own, so the judge compares the arms within each step's data
/// however late a replica flushed them.
/// </summary>
internal static class FleetMerge
{
    /// <param name="rows">Every replica's latest row of the attempt.</param>
    /// <param name="fed">The units of the previous look (already given to the sample-ratio test), or <see langword="null"/> for none.</param>
    public static (ArmSummary Baseline, ArmSummary Canary, UnitSet Units, List<JudgeStep> Steps, List<UnitFeed> Feeds) Merge(
        IReadOnlyList<ReplicaObservations> rows, UnitSet? fed = null)
    {
        var steps = new SortedDictionary<int, Step>();
        foreach (var row in rows)
        {
            if (!steps.TryGetValue(row.Step, out var step))
            {
                steps[row.Step] = step = new Step(row.WeightBasisPoints / 10_000.0);
            }

            step.Add(row);
        }

        var seen = new UnitSet();
        var baselineUnits = new long[UnitKey.CellCount];
        var canaryUnits = new long[UnitKey.CellCount];
        ArmSummary baseline = ArmSummary.Empty, canary = ArmSummary.Empty;
        var judgeSteps = new List<JudgeStep>(steps.Count);
        var feeds = new List<UnitFeed>();
        foreach (var step in steps.Values)
        {
            judgeSteps.Add(new JudgeStep(step.Share, step.Baseline, step.Canary));
            if (NewUnits(step, seen, fed) is { } feed)
            {
                feeds.Add(feed);
            }

            step.BaselineUnits.CountPerCell(seen, baselineUnits);
            seen.UnionWith(step.BaselineUnits);
            step.CanaryUnits.CountPerCell(seen, canaryUnits);
            seen.UnionWith(step.CanaryUnits);
            baseline = ArmSummary.Merge(baseline, step.Baseline);
            canary = ArmSummary.Merge(canary, step.Canary);
        }

        return (WithUnits(baseline, baselineUnits), WithUnits(canary, canaryUnits), seen, judgeSteps, feeds);
    }

    /// <summary>
    /// The units a step brings to the sample-ratio test: those in slots taken by neither the earlier steps of this merge
    /// nor the previous look. Each arm has its own set here (every replica's, unioned), so two units of one arm in a slot
    /// count once while a baseline and a canary unit sharing one count once each: counting bits would thin the larger arm
    /// more (at 50,000 units and 10%, the canary would hold 10.7% of the bits). So each arm's count is estimated from its
    /// bits among the free slots by linear counting, n = -F ln(1 - b/F), which thins both arms alike: by the share of
    /// slots still free, whatever their arm.
    /// </summary>
    private static UnitFeed? NewUnits(Step step, UnitSet seen, UnitSet? fed)
    {
        var free = UnitSet.CountFreeInBoth(seen, fed);
        var baseline = Estimate(step.BaselineUnits.CountNotIn(seen, fed), free);
        var canary = Estimate(step.CanaryUnits.CountNotIn(seen, fed), free);
        return baseline + canary > 0 ? new UnitFeed(step.Share, baseline, canary) : null;
    }

    private static long Estimate(long bits, long free) =>
        bits <= 0 ? 0 : bits >= free ? bits : (long)Math.Round(-free * Math.Log(1 - ((double)bits / free)));

    private static ArmSummary WithUnits(ArmSummary summary, ReadOnlySpan<long> units) => ArmSummary.FromCells(
        summary.ExposureCells ?? UnitCells.EmptyCounts,
        UnitCells.Create(units, []),
        summary.CountCells,
        summary.Values);

    private sealed class Step(double share)
    {
        public double Share { get; } = share;

        public ArmSummary Baseline { get; private set; } = ArmSummary.Empty;

        public ArmSummary Canary { get; private set; } = ArmSummary.Empty;

        public UnitSet BaselineUnits { get; } = new();

        public UnitSet CanaryUnits { get; } = new();

        public void Add(ReplicaObservations row)
        {
            Baseline = ArmSummary.Merge(Baseline, row.Baseline);
            Canary = ArmSummary.Merge(Canary, row.Canary);
            BaselineUnits.UnionWith(row.BaselineUnits);
            CanaryUnits.UnionWith(row.CanaryUnits);
        }
    }
}
