using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// The observations recorded under one step (one canary share) on their own, as a fleet's decider reads them from every
/// replica's rows: a step's data stay in its segment however late they were flushed.
/// </summary>
internal sealed record JudgeStep(double Share, ArmSummary Baseline, ArmSummary Canary);

/// <summary>
/// Units a fleet's decider sees for the first time at a look, by the step (canary share) and arm they were first seen
/// in as far as it knows now: each unit reaches the sample-ratio test exactly once, with the share it was assigned
/// under, however late a replica flushed it. (Its cumulative per-arm count may go down instead: a late row of an
/// earlier step moves a unit to the step and arm it was really first seen in.)
/// </summary>
internal readonly record struct UnitFeed(double Share, long Baseline, long Canary);
