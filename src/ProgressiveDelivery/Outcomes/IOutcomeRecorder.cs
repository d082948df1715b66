using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.Outcomes;

/// <summary>
/// Receives the outcome of every unit of work (an HTTP request, a job) served under a flag evaluation, so that the
/// variant's effect can be measured. The ASP.NET Core integration calls it once per request for each gated or
/// rolled-out flag; rollouts implement it to feed their judge's observations.
/// </summary>
/// <remarks>
/// Implementations are called on the request path: they must be thread-safe, allocation-free and must not throw.
/// Only evaluations that assigned the unit at random (<see cref="EvaluationReason.Split"/>) belong in a comparison
/// between variants; targeted units (rule matches) are not a random sample and must be left out of it.
/// The unit comes with every outcome because one unit's outcomes are not independent of each other: a comparison
/// that treats them as independent overstates its evidence (docs/judge-units.md).
/// </remarks>
public interface IOutcomeRecorder
{
    /// <summary>Records one unit of work served under <paramref name="evaluation"/>.</summary>
    /// <param name="evaluation">The evaluation that chose the variant.</param>
    /// <param name="unit">The unit served: <see cref="UnitKey.FromId"/> of the targeting key the flag was evaluated with.</param>
    /// <param name="outcome">What happened.</param>
    void Record(in FlagEvaluation evaluation, UnitKey unit, in RequestOutcome outcome);
}
