using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Internal;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts;

/// <summary>Writing and reading rollout state: audit first, then state; adopting the stored state.</summary>
public sealed partial class RolloutManager
{
    private async Task PersistAsync(RolloutRuntime runtime, RolloutTransition? transition, string actor, ArmSummary? baseline, ArmSummary? canary, CancellationToken cancellationToken)
    {
        var id = runtime.Definition.Id;
        if (transition is not null)
        {
            JsonElement? evidence = transition.Verdict is { } verdict ? VerdictJson.ToElement(verdict) : null;
            var auditEvent = new AuditEvent(id, actor, transition.Action, transition.Reason, transition.Before.ToString(), transition.After.ToString(), evidence);
            var entry = await _auditLog.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            runtime.AuditHead = entry.Head;
        }

        var arms = runtime.Arms;
        var state = RolloutStateJson.Write(
            runtime.Controller.State,
            baseline ?? arms.Baseline.GetSummary(),
            canary ?? arms.Canary.GetSummary(),
            runtime.Judge,
            runtime.LastVerdictJson);
        var saved = await _store.SaveAsync(new RolloutDocument(id, state, runtime.AuditHead), runtime.Version, cancellationToken).ConfigureAwait(false);
        runtime.Version = saved.Version;
    }

    /// <summary>Replaces the runtime's state, judge and observations with a stored document's.</summary>
    private async Task AdoptAsync(RolloutRuntime runtime, CancellationToken cancellationToken)
    {
        var id = runtime.Definition.Id;
        var document = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            runtime.Version = 0;
            return;
        }

        await RestoreAsync(runtime, document, cancellationToken).ConfigureAwait(false);
    }

    private async Task RestoreAsync(RolloutRuntime runtime, RolloutDocument document, CancellationToken cancellationToken)
    {
        var definition = runtime.Definition;
        var element = document.State;
        var state = RolloutStateJson.ReadState(element);
        var judge = new CanaryJudge(definition.Judge);
        try
        {
            judge.ReadState(RolloutStateJson.ReadJudge(element));
        }
        catch (ArgumentException exception)
        {
            // The judge options changed since the state was written: judge the rest of this attempt afresh.
            judge = new CanaryJudge(definition.Judge);
            runtime.LastError = "The stored judge state did not match the judge options; the judge restarted: " + exception.Message;
        }

        runtime.Controller = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, state);
        runtime.Judge = judge;
        runtime.Arms = new RolloutArms(definition, RolloutStateJson.ReadArm(element, "baseline"), RolloutStateJson.ReadArm(element, "canary"));
        runtime.LastVerdictJson = RolloutStateJson.ReadLastVerdict(element);
        runtime.LastVerdict = null;
        runtime.Version = document.Version;

        // The log may be one entry ahead of the state (a crash between the two writes): chain on from the log's head.
        var logHead = await _auditLog.GetHeadAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        runtime.AuditHead = logHead.Sequence > document.AuditHead.Sequence ? logHead : document.AuditHead;
    }

    private static RolloutRuntime CreateRuntime(RolloutDefinition definition, RolloutState? state = null) => new(
        definition,
        new RolloutController(definition.Id, definition.Plan, definition.Adaptive, state),
        new CanaryJudge(definition.Judge),
        new RolloutArms(definition));

    /// <summary>Fresh observations and a fresh judge for a new attempt.</summary>
    private static void StartAttempt(RolloutRuntime runtime)
    {
        runtime.Arms = new RolloutArms(runtime.Definition);
        runtime.Judge = new CanaryJudge(runtime.Definition.Judge);
        runtime.LastVerdict = null;
        runtime.LastVerdictJson = null;
    }
}
