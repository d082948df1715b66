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
        if (_fleet is not null)
        {
            await CommitFleetAsync(runtime, transition, actor, asLeader: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = runtime.Definition.Id;
        if (transition is not null)
        {
            var evidence = RolloutStateJson.WriteEvidence(transition);
            var auditEvent = new AuditEvent(id, actor, transition.Action, transition.Reason, transition.Before.ToString(), transition.After.ToString(), evidence);
            var entry = await _auditLog.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            runtime.AuditHead = entry.Head;
        }

        runtime.RecordHistory(_timeProvider.GetUtcNow(), transition, runtime.Controller.State);
        var arms = runtime.Arms;
        var state = RolloutStateJson.Write(
            runtime.Controller.State,
            baseline ?? arms.Baseline.GetSummary(),
            canary ?? arms.Canary.GetSummary(),
            arms.Units,
            runtime.Judge,
            runtime.LastVerdictJson,
            runtime.History);
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

        await RestoreAsync(runtime, document, completeLogged: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads a stored document into the runtime. When the audit log is ahead of the document, either completes the
    /// logged transition (<paramref name="completeLogged"/>: on start, after a crash between the two writes) or only
    /// chains on from the log's head (after losing a concurrent write: the other writer's state wins).
    /// </summary>
    private async Task RestoreAsync(RolloutRuntime runtime, RolloutDocument document, bool completeLogged, CancellationToken cancellationToken)
    {
        if (_fleet is not null)
        {
            ApplyFleetDocument(runtime, document); // fleet commits are atomic: the log is never ahead of the state
            return;
        }

        var definition = runtime.Definition;
        var element = document.State;
        var state = RolloutStateJson.ReadState(element);
        if (RolloutStateJson.IsVersion1(element))
        {
            await RestartVersion1Async(runtime, document, state, cancellationToken).ConfigureAwait(false);
            return;
        }

        var judge = ReadJudge(runtime, element);

        runtime.Controller = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, state);
        runtime.Judge = judge;
        runtime.Arms = new RolloutArms(definition, RolloutStateJson.ReadArm(element, "baseline"), RolloutStateJson.ReadArm(element, "canary"), RolloutStateJson.ReadUnits(element));
        runtime.LastVerdictJson = RolloutStateJson.ReadLastVerdict(element);
        runtime.LastVerdict = null;
        runtime.History = RolloutStateJson.ReadHistory(element);
        runtime.Version = document.Version;

        runtime.AuditHead = document.AuditHead;
        var logHead = await _auditLog.GetHeadAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        if (logHead.Sequence > document.AuditHead.Sequence)
        {
            if (completeLogged)
            {
                await CompleteLoggedTransitionAsync(runtime, logHead, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                runtime.AuditHead = logHead;
            }
        }
    }

    /// <summary>
    /// The log is ahead of the state: a transition was decided and logged, then the process stopped before saving it.
    /// Apply the logged state (from the entry's evidence) and save it with the log's head, instead of deciding again.
    /// </summary>
    private async Task CompleteLoggedTransitionAsync(RolloutRuntime runtime, AuditHead logHead, CancellationToken cancellationToken)
    {
        var definition = runtime.Definition;
        runtime.AuditHead = logHead;
        var entries = await _auditLog.ReadAsync(definition.Id, logHead.Sequence, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0 || entries[^1].Evidence is not { ValueKind: JsonValueKind.Object } evidence
            || !evidence.TryGetProperty("after", out var after))
        {
            return; // Not an entry of ours: keep the saved state and chain on from the log's head.
        }

        var state = RolloutStateJson.ReadStateFields(after);
        if (state.Attempt != runtime.Controller.State.Attempt)
        {
            StartAttempt(runtime);
        }

        runtime.Controller = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, state);
        await PersistAsync(runtime, null, _controllerActor, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A state written before observations were kept per unit: its observations cannot be judged per unit and nothing is
    /// judged retroactively, so a rollout that was still deciding (progressing or paused) starts a fresh attempt from its
    /// first step, audited with the reason; a finished one (pending, promoted, rolled back, aborted) keeps its state.
    /// </summary>
    private async Task RestartVersion1Async(RolloutRuntime runtime, RolloutDocument document, RolloutState state, CancellationToken cancellationToken)
    {
        var definition = runtime.Definition;
        runtime.Controller = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, state);
        StartAttempt(runtime);
        runtime.Version = document.Version;
        runtime.AuditHead = await _auditLog.GetHeadAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        RolloutTransition? transition = null;
        if (state.Status is RolloutStatus.Progressing or RolloutStatus.Paused)
        {
            transition = runtime.Controller.RestartAttempt(_timeProvider.GetUtcNow(), RolloutReasons.StateUpgraded);
            runtime.Notice = $"Rollout '{definition.Id}': its stored state predates per-unit observations; started attempt {transition.After.Attempt} from the first step (attempt {state.Attempt}'s observations are not judged retroactively).";
        }

        await PersistAsync(runtime, transition, _controllerActor, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored judge state in a judge of the current options; a fresh judge (and the reason in LastError) when they changed since.</summary>
    private static CanaryJudge ReadJudge(RolloutRuntime runtime, System.Text.Json.JsonElement element)
    {
        var judge = new CanaryJudge(runtime.Definition.Judge);
        try
        {
            judge.ReadState(RolloutStateJson.ReadJudge(element));
            return judge;
        }
        catch (ArgumentException exception)
        {
            // The judge options changed since the state was written: judge the rest of this attempt afresh.
            runtime.LastError = "The stored judge state did not match the judge options; the judge restarted: " + exception.Message;
            return new CanaryJudge(runtime.Definition.Judge);
        }
    }

    private static RolloutRuntime CreateRuntime(RolloutDefinition definition, RolloutState? state = null) => new(
        definition,
        new RolloutController(definition.Id, definition.Plan, definition.Adaptive, state),
        new CanaryJudge(definition.Judge),
        new RolloutArms(definition));

    /// <summary>Fresh observations and a fresh judge for a new attempt (in fleet mode the observations roll once the attempt is stored).</summary>
    private void StartAttempt(RolloutRuntime runtime)
    {
        if (_fleet is null)
        {
            runtime.Arms = new RolloutArms(runtime.Definition);
        }

        (runtime.FleetBaseline, runtime.FleetCanary, runtime.FleetUnits) = (null, null, null);
        runtime.Judge = new CanaryJudge(runtime.Definition.Judge);
        runtime.LastVerdict = null;
        runtime.LastVerdictJson = null;
    }
}
