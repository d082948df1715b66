using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// The observations recorded under one step (one canary share) on their own, as a fleet's decider reads them from every
/// replica's rows: a step's data stay in its segment however late they were flushed.
/// </summary>
internal sealed record JudgeStep(double Share, ArmSummary Baseline, ArmSummary Canary);
