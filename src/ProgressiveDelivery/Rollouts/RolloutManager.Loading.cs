using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts.Internal;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts;

/// <summary>Loading and reloading rollout definitions.</summary>
public sealed partial class RolloutManager
{
    /// <summary>
    /// Validates rollout definitions against the evaluator's flag definitions (<see cref="Evaluation.FlagEvaluator.BaseSnapshot"/>)
    /// and, when valid, installs them: a rollout already running keeps its state and takes the new plan (its judge
    /// options apply from its next attempt); a new one resumes from its stored document (state, observations, judge)
    /// or is created pending at 0%; a rollout no longer defined is dropped (its flag serves its own definition again;
    /// its stored state and audit log are kept). When invalid, nothing changes: the last good definitions stay.
    /// </summary>
    /// <param name="rollouts">The definitions (copied: changing them later has no effect; load a new set instead).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Every error found (with its JSON path), or an empty list when the definitions are now active.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rollouts"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.IO.InvalidDataException">A stored document is corrupt.</exception>
    public async Task<IReadOnlyList<DefinitionError>> LoadAsync(RolloutSet rollouts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        var errors = rollouts.Validate(_evaluator.BaseSnapshot);
        if (errors.Count > 0)
        {
            return errors;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _byId;
            var next = new Dictionary<string, RolloutRuntime>(StringComparer.Ordinal);
            foreach (var loaded in rollouts.Rollouts)
            {
                var definition = DefinitionCopy.Of(loaded);
                if (current.TryGetValue(definition.Id, out var existing))
                {
                    if (!string.Equals(existing.Definition.FlagKey, definition.FlagKey, StringComparison.Ordinal))
                    {
                        _evaluator.RemoveSplitOverride(existing.Definition.FlagKey);
                    }

                    existing.Definition = definition;
                    existing.Controller = new RolloutController(definition.Id, definition.Plan, definition.Adaptive, existing.Controller.State);
                    next[definition.Id] = existing;
                    continue;
                }

                next[definition.Id] = await OpenAsync(definition, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (id, runtime) in current)
            {
                if (!next.ContainsKey(id))
                {
                    runtime.Recording = false;
                    _evaluator.RemoveSplitOverride(runtime.Definition.FlagKey);
                }
            }

            var byFlag = new Dictionary<string, RolloutRuntime>(StringComparer.Ordinal);
            foreach (var runtime in next.Values)
            {
                byFlag[runtime.Definition.FlagKey] = runtime;
                Publish(runtime);
            }

            _byId = next.ToFrozenDictionary(StringComparer.Ordinal);
            _byFlag = byFlag.ToFrozenDictionary(StringComparer.Ordinal);
            return errors;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RolloutRuntime> OpenAsync(RolloutDefinition definition, CancellationToken cancellationToken)
    {
        var runtime = CreateRuntime(definition);
        var document = await _store.GetAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        if (document is not null)
        {
            await RestoreAsync(runtime, document, completeLogged: true, cancellationToken).ConfigureAwait(false);
            return runtime;
        }

        runtime.AuditHead = await _auditLog.GetHeadAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        try
        {
            await PersistAsync(runtime, null, _controllerActor, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RolloutConcurrencyException)
        {
            // Another process created it first: take its state.
            await AdoptAsync(runtime, cancellationToken).ConfigureAwait(false);
        }

        return runtime;
    }
}
