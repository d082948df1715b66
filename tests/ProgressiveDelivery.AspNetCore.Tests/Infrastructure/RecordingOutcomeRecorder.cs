using System.Collections.Concurrent;
using System.Collections.Generic;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Outcomes;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>An outcome recorder that keeps what it is told.</summary>
internal sealed class RecordingOutcomeRecorder : IOutcomeRecorder
{
    private readonly ConcurrentQueue<(string Flag, string? Variant, string Reason, UnitKey Unit, RequestOutcome Outcome)> _records = new();

    public IReadOnlyCollection<(string Flag, string? Variant, string Reason, UnitKey Unit, RequestOutcome Outcome)> Records => _records.ToArray();

    public void Record(in FlagEvaluation evaluation, UnitKey unit, in RequestOutcome outcome) =>
        _records.Enqueue((evaluation.FlagKey, evaluation.Variant, evaluation.ReasonName, unit, outcome));
}
