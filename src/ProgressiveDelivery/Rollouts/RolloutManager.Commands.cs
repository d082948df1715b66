using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Rollouts;

/// <summary>Manual commands: checked against the state, audited with the actor and reason, persisted, published.</summary>
public sealed partial class RolloutManager
{
    /// <summary>Completes the current step now (or, with <paramref name="full"/>, promotes to 100% at once).</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="actor">Who asks (audited).</param>
    /// <param name="reason">Why (audited).</param>
    /// <param name="full">Whether to skip all remaining steps.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rollout after the command.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No rollout has this id.</exception>
    /// <exception cref="RolloutCommandException">The rollout is not progressing or paused; nothing changed.</exception>
    public Task<RolloutView> PromoteAsync(string rolloutId, string actor, string reason, bool full = false, CancellationToken cancellationToken = default) =>
        ExecuteAsync(rolloutId, RolloutCommand.Promote, actor, reason, full, cancellationToken);

    /// <summary>Pauses a progressing rollout at its current weight.</summary>
    /// <inheritdoc cref="PromoteAsync" path="/param[@name!='full']"/>
    /// <returns>The rollout after the command.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No rollout has this id.</exception>
    /// <exception cref="RolloutCommandException">The rollout is not progressing; nothing changed.</exception>
    public Task<RolloutView> PauseAsync(string rolloutId, string actor, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync(rolloutId, RolloutCommand.Pause, actor, reason, false, cancellationToken);

    /// <summary>Resumes a paused rollout (past the step when it paused at a pause step; a judge pause it resumes from does not recur this attempt).</summary>
    /// <inheritdoc cref="PromoteAsync" path="/param[@name!='full']"/>
    /// <returns>The rollout after the command.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No rollout has this id.</exception>
    /// <exception cref="RolloutCommandException">The rollout is not paused; nothing changed.</exception>
    public Task<RolloutView> ResumeAsync(string rolloutId, string actor, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync(rolloutId, RolloutCommand.Resume, actor, reason, false, cancellationToken);

    /// <summary>Rolls back now: everyone on the stable variant at once (also after a promotion: instant rollback).</summary>
    /// <inheritdoc cref="PromoteAsync" path="/param[@name!='full']"/>
    /// <returns>The rollout after the command.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No rollout has this id.</exception>
    /// <exception cref="RolloutCommandException">The rollout already rolled back or was aborted; nothing changed.</exception>
    public Task<RolloutView> AbortAsync(string rolloutId, string actor, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync(rolloutId, RolloutCommand.Abort, actor, reason, false, cancellationToken);

    /// <summary>Starts a new attempt from the first step, with fresh observations and a fresh judge.</summary>
    /// <inheritdoc cref="PromoteAsync" path="/param[@name!='full']"/>
    /// <returns>The rollout after the command.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No rollout has this id.</exception>
    /// <exception cref="RolloutCommandException">The rollout is not paused, rolled back or aborted; nothing changed.</exception>
    public Task<RolloutView> RetryAsync(string rolloutId, string actor, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync(rolloutId, RolloutCommand.Retry, actor, reason, false, cancellationToken);

    /// <summary>Passes the current analysis gate without the judge's Promote.</summary>
    /// <inheritdoc cref="PromoteAsync" path="/param[@name!='full']"/>
    /// <returns>The rollout after the command.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No rollout has this id.</exception>
    /// <exception cref="RolloutCommandException">The rollout is not at an analysis step; nothing changed.</exception>
    public Task<RolloutView> SkipAnalysisAsync(string rolloutId, string actor, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync(rolloutId, RolloutCommand.SkipAnalysis, actor, reason, false, cancellationToken);

    private async Task<RolloutView> ExecuteAsync(string rolloutId, RolloutCommand command, string actor, string reason, bool full, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(reason);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_byId.TryGetValue(rolloutId, out var runtime))
            {
                throw new KeyNotFoundException($"No rollout has the id '{rolloutId}'.");
            }

            for (var attempt = 1; ; attempt++)
            {
                if (_fleet is not null)
                {
                    // Any replica runs commands, on the latest stored version; the write is version-checked, not fenced.
                    await RefreshFleetAsync(runtime, cancellationToken).ConfigureAwait(false);
                }

                var (controller, judge, arms, verdict, verdictJson) = (runtime.Controller, runtime.Judge, runtime.Arms, runtime.LastVerdict, runtime.LastVerdictJson);
                var now = _timeProvider.GetUtcNow();
                if (command is RolloutCommand.Promote or RolloutCommand.Resume or RolloutCommand.SkipAnalysis
                    && controller.CanExecute(command, out _)
                    && controller.State.Status is RolloutStatus.Progressing or RolloutStatus.Paused)
                {
                    // The weight may change now: close the judge's interval at the weight in force so far, so that every
                    // look's canary share is the one its exposures were assigned under.
                    if (_fleet is null)
                    {
                        Look(runtime, now, out _, out _);
                    }
                    else
                    {
                        await LookFleetAsync(runtime, now, cancellationToken).ConfigureAwait(false);
                    }
                }

                var transition = controller.Execute(command, now, reason, full);
                if (transition.StartsNewAttempt)
                {
                    StartAttempt(runtime);
                }

                try
                {
                    await PersistAsync(runtime, transition, actor, null, null, cancellationToken).ConfigureAwait(false);
                    Publish(runtime);
                    return CreateView(runtime);
                }
                catch (RolloutConcurrencyException) when (attempt < _maxConcurrencyAttempts)
                {
                    // Another writer changed the rollout: decide again from its state.
                    if (_fleet is not null)
                    {
                        Forget(runtime, transition.Before); // the loop re-reads the stored state first
                        continue;
                    }

                    await AdoptAsync(runtime, cancellationToken).ConfigureAwait(false);
                    Publish(runtime);
                }
                catch when (_fleet is not null)
                {
                    Forget(runtime, transition.Before);
                    throw;
                }
                catch
                {
                    // Nothing changed in memory: the command failed as a whole (its audit entry, if written, records the intent).
                    runtime.Controller = new RolloutController(rolloutId, runtime.Definition.Plan, runtime.Definition.Adaptive, transition.Before);
                    (runtime.Judge, runtime.Arms, runtime.LastVerdict, runtime.LastVerdictJson) = (judge, arms, verdict, verdictJson);
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
