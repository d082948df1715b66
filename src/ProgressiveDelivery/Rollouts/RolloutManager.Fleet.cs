using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Internal;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Rollouts;

/// <summary>Fleet mode (<see cref="RolloutManagerOptions.Fleet"/>): per-step observations, following the store, deciding as the lease holder.</summary>
public sealed partial class RolloutManager
{
    /// <summary>Gets whether the manager runs in fleet mode (a <see cref="RolloutManagerOptions.Fleet"/> was given).</summary>
    public bool IsFleet => _fleet is not null;

    /// <summary>
    /// Fleet mode: this replica's cumulative observations of every rollout, one row per step it recorded in (the steps
    /// that ended, until a flush after their end, and the current one), for the fleet to write. Pair each successful
    /// write with <see cref="ReleaseObservations"/>. Thread-safe; recording goes on meanwhile.
    /// </summary>
    /// <param name="sequence">The flush number written into every row; give a larger one at every flush of this replica.</param>
    /// <returns>The rows; empty outside fleet mode.</returns>
    public IReadOnlyList<ReplicaObservations> CollectObservations(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var rows = new List<ReplicaObservations>();
        if (_fleet is null)
        {
            return rows;
        }

        foreach (var runtime in _byId.Values)
        {
            lock (runtime.ClosedArms)
            {
                foreach (var closed in runtime.ClosedArms)
                {
                    rows.Add(CreateRow(runtime, closed.Arms, sequence));
                    closed.TimesCollectedClosed++;
                }

                var arms = runtime.Arms;
                if (arms.HasData)
                {
                    rows.Add(CreateRow(runtime, arms, sequence));
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// Fleet mode: the rows of <see cref="CollectObservations"/> were written; observations of steps that ended two
    /// collections ago or more are dropped from memory (their last row is stored).
    /// </summary>
    /// <param name="written">The rows written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="written"/> is <see langword="null"/>.</exception>
    public void ReleaseObservations(IReadOnlyList<ReplicaObservations> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        foreach (var row in written)
        {
            if (!_byId.TryGetValue(row.RolloutId, out var runtime))
            {
                continue;
            }

            lock (runtime.ClosedArms)
            {
                // Two collections after the close: a recording that raced the close has landed in the first or the second.
                runtime.ClosedArms.RemoveAll(closed => closed.TimesCollectedClosed >= 2 && closed.Arms.Attempt == row.Attempt
                    && closed.Arms.Step == row.Step && closed.Arms.WeightBasisPoints == row.WeightBasisPoints);
            }
        }
    }

    /// <summary>
    /// Fleet mode: re-reads the stored state of every rollout (or one) and applies each newer version: state, weight,
    /// judge and the fleet-wide observations shown in views. This replica's own observations are kept; those of a step
    /// that ended are kept until flushed. Call it when the store signals a change, periodically, and after reconnecting.
    /// </summary>
    /// <param name="rolloutId">The rollout to sync, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many rollouts took a new version.</returns>
    /// <exception cref="InvalidOperationException">The manager is not in fleet mode.</exception>
    public async Task<int> SyncAsync(string? rolloutId = null, CancellationToken cancellationToken = default)
    {
        if (_fleet is null)
        {
            throw new InvalidOperationException("SyncAsync is for fleet mode: give the manager a RolloutManagerOptions.Fleet.");
        }

        var applied = 0;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (rolloutId is not null)
            {
                return _byId.TryGetValue(rolloutId, out var one) && await RefreshFleetAsync(one, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            foreach (var runtime in _byId.Values)
            {
                applied += await RefreshFleetAsync(runtime, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }
        finally
        {
            _gate.Release();
        }

        return applied;
    }

    /// <summary>Gets the stored version each rollout's in-memory state is at (what this replica applied), by rollout id.</summary>
    /// <returns>The versions; -1 for a rollout whose last write failed and that re-reads before deciding again.</returns>
    public IReadOnlyDictionary<string, long> GetAppliedVersions()
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, runtime) in _byId)
        {
            versions[id] = runtime.Version;
        }

        return versions;
    }

    private ReplicaObservations CreateRow(RolloutRuntime runtime, RolloutArms arms, long sequence) => new(
        runtime.Definition.Id,
        arms.Attempt,
        arms.Step,
        arms.WeightBasisPoints,
        _fleet!.ReplicaId,
        sequence,
        arms.Baseline.GetSummary(),
        arms.Canary.GetSummary(),
        Copy(arms.Baseline.UnitSet),
        Copy(arms.Canary.UnitSet));

    private static Analysis.Observations.UnitSet Copy(Analysis.Observations.UnitSet units)
    {
        var copy = new Analysis.Observations.UnitSet();
        copy.UnionWith(units);
        return copy;
    }

    /// <summary>Applies a stored document on a replica: control state, judge, fleet-wide observations; keeps local observations.</summary>
    private void ApplyFleetDocument(RolloutRuntime runtime, RolloutDocument document)
    {
        var definition = runtime.Definition;
        var element = document.State;
        var state = RolloutStateJson.ReadState(element);
        var previousWeight = runtime.Controller.State.WeightBasisPoints;
        runtime.Controller = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, state);
        var perUnit = !RolloutStateJson.IsVersion1(element); // a v1 state has no per-unit judge state or observations
        runtime.Judge = perUnit ? ReadJudge(runtime, element) : new CanaryJudge(definition.Judge);
        if (perUnit)
        {
            runtime.FleetBaseline = RolloutStateJson.ReadArm(element, "baseline");
            runtime.FleetCanary = RolloutStateJson.ReadArm(element, "canary");
            runtime.FleetUnits = RolloutStateJson.ReadUnits(element);
        }

        runtime.LastVerdictJson = RolloutStateJson.ReadLastVerdict(element);
        runtime.LastVerdict = null;
        runtime.History = RolloutStateJson.ReadHistory(element);
        if (runtime.Version <= 0 || state.WeightBasisPoints != previousWeight)
        {
            runtime.WeightVersion = document.Version;
        }

        runtime.Version = document.Version;
        runtime.AuditHead = document.AuditHead;
        RollFleetArms(runtime);
        Publish(runtime);
    }

    /// <summary>Starts this replica's observations of a new step (or attempt) when the state moved to one; the old ones wait for their last flush.</summary>
    private static void RollFleetArms(RolloutRuntime runtime)
    {
        var state = runtime.Controller.State;
        var arms = runtime.Arms;
        if (arms.IsFor(state))
        {
            return;
        }

        lock (runtime.ClosedArms)
        {
            if (arms.HasData)
            {
                runtime.ClosedArms.Add(new ClosedArms(arms));
            }

            runtime.Arms = RolloutArms.ForStep(runtime.Definition, state);
        }
    }

    /// <summary>The decider's look: every replica's latest observations of the attempt, merged.</summary>
    private async Task<JudgeVerdict> LookFleetAsync(RolloutRuntime runtime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = runtime.Controller.State;
        var rows = await _fleet!.ReadObservationsAsync(runtime.Definition.Id, state.Attempt, cancellationToken).ConfigureAwait(false);
        // The units of the previous look were given to the sample-ratio test then (they are stored with the judge's state).
        var (baseline, canary, units, steps, feeds) = FleetMerge.Merge(rows, runtime.FleetUnits);
        var verdict = runtime.Judge.Judge(new JudgeInput(baseline, canary, state.WeightBasisPoints / 10_000.0, now) { Steps = steps, UnitFeeds = feeds });
        (runtime.FleetBaseline, runtime.FleetCanary, runtime.FleetUnits) = (baseline, canary, units); // only once judged
        runtime.LastVerdict = verdict;
        runtime.LastVerdictJson = VerdictJson.ToElement(verdict);
        runtime.PendingLook = (verdict, baseline, canary);
        return verdict;
    }

    /// <summary>
    /// Writes the state (and the transition's audit entry) in one atomic, optionally fenced, commit. With
    /// <paramref name="decided"/>, that controller's state is written and becomes the runtime's only once stored, so no
    /// view shows a decision that was not written.
    /// </summary>
    private async Task CommitFleetAsync(RolloutRuntime runtime, RolloutTransition? transition, string actor, bool asLeader, CancellationToken cancellationToken, RolloutController? decided = null)
    {
        var id = runtime.Definition.Id;
        AuditEvent? auditEvent = null;
        if (transition is not null)
        {
            var evidence = RolloutStateJson.WriteEvidence(transition);
            auditEvent = new AuditEvent(id, actor, transition.Action, transition.Reason, transition.Before.ToString(), transition.After.ToString(), evidence);
        }

        var written = (decided ?? runtime.Controller).State;
        runtime.RecordHistory(_timeProvider.GetUtcNow(), transition, written);
        var state = RolloutStateJson.Write(
            written,
            runtime.FleetBaseline ?? Analysis.Observations.ArmSummary.Empty,
            runtime.FleetCanary ?? Analysis.Observations.ArmSummary.Empty,
            runtime.FleetUnits ?? new Analysis.Observations.UnitSet(),
            runtime.Judge,
            runtime.LastVerdictJson,
            runtime.History);
        var stored = await _fleet!.CommitAsync(new RolloutDocument(id, state, runtime.AuditHead), Math.Max(runtime.Version, 0), auditEvent, asLeader, cancellationToken).ConfigureAwait(false);
        if (transition is not null && transition.Before.WeightBasisPoints != transition.After.WeightBasisPoints)
        {
            runtime.WeightVersion = stored.Version;
        }

        runtime.Version = stored.Version;
        runtime.AuditHead = stored.AuditHead;
        if (decided is not null)
        {
            runtime.Controller = decided;
        }

        RollFleetArms(runtime);
        Publish(runtime);
    }

    /// <summary>Fleet mode: makes the runtime hold the latest stored version (before deciding on it); whether it took a new one.</summary>
    private async Task<bool> RefreshFleetAsync(RolloutRuntime runtime, CancellationToken cancellationToken)
    {
        var document = await _store.GetAsync(runtime.Definition.Id, cancellationToken).ConfigureAwait(false);
        if (document is null || document.Version == runtime.Version)
        {
            return false;
        }

        ApplyFleetDocument(runtime, document);
        return true;
    }

    /// <summary>Fleet mode: the decider's tick of one rollout.</summary>
    private async Task<RolloutTransition?> TickFleetAsync(RolloutRuntime runtime, CancellationToken cancellationToken)
    {
        var id = runtime.Definition.Id;
        if (!_fleet!.IsLeader(id))
        {
            return null; // a follower: the decider's writes reach it through SyncAsync
        }

        await RefreshFleetAsync(runtime, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var before = runtime.Controller.State;
        if (before.Status is RolloutStatus.Progressing && !_fleet.HaveReplicasApplied(id, runtime.WeightVersion))
        {
            runtime.Notice = $"Rollout '{id}': waiting for every live replica to apply version {runtime.WeightVersion} before judging.";
            return null;
        }

        JudgeVerdict? verdict = null;
        if (before.Status == RolloutStatus.Progressing)
        {
            verdict = await LookFleetAsync(runtime, now, cancellationToken).ConfigureAwait(false);
        }

        // Decided on a copy: the runtime (and every view of it) takes the new state once it is written.
        var definition = runtime.Definition;
        var decided = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, before);
        var transition = decided.Tick(now, verdict);
        if (transition is null && before.Status != RolloutStatus.Progressing)
        {
            return null; // nothing looked, nothing changed: nothing to write
        }

        if (transition?.StartsNewAttempt == true)
        {
            StartAttempt(runtime);
        }

        try
        {
            // The decider names itself: the audit chain shows which replica made each automatic transition.
            await CommitFleetAsync(runtime, transition, _controllerActor + "@" + _fleet.ReplicaId, asLeader: true, cancellationToken, decided).ConfigureAwait(false);
        }
        catch
        {
            // Nothing was written: forget the decision and re-read the stored state before deciding again.
            Forget(runtime, before);
            throw;
        }

        return transition;
    }

    /// <summary>A write failed: the in-memory state goes back to what was applied, and the next decision re-reads the store first.</summary>
    private static void Forget(RolloutRuntime runtime, RolloutState before)
    {
        var definition = runtime.Definition;
        runtime.Controller = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, before);
        runtime.Version = -1;
    }
}
