using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Internal;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Rollouts;

/// <summary>Ticking every rollout.</summary>
public sealed partial class RolloutManager
{
    /// <summary>
    /// Ticks every rollout at the time provider's current time: a progressing rollout's judge looks at the attempt's
    /// cumulative observations (with the weight in force since the previous tick as the canary share), its controller
    /// decides, the state is persisted (audited when it changed) and the weight published. Paused rollouts persist
    /// their observations; pending ones start. A rollout that fails is reported and the others are ticked regardless.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation (between rollouts and in I/O).</param>
    /// <returns>The transitions made and the failures.</returns>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public async Task<RolloutTickReport> TickAsync(CancellationToken cancellationToken = default)
    {
        var transitions = new Dictionary<string, RolloutTransition>(StringComparer.Ordinal);
        var failures = new List<RolloutTickFailure>();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var id in RolloutIds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var runtime = _byId[id];
                try
                {
                    if (await TickOneAsync(runtime, cancellationToken).ConfigureAwait(false) is { } transition)
                    {
                        transitions[id] = transition;
                    }

                    runtime.LastError = null;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    runtime.LastError = exception.Message;
                    failures.Add(new RolloutTickFailure(id, exception));
                    if (exception is RolloutConcurrencyException)
                    {
                        await TryAdoptAsync(runtime, failures, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return new RolloutTickReport(transitions, failures);
    }

    private async Task<RolloutTransition?> TickOneAsync(RolloutRuntime runtime, CancellationToken cancellationToken)
    {
        if (_fleet is not null)
        {
            return await TickFleetAsync(runtime, cancellationToken).ConfigureAwait(false);
        }

        var now = _timeProvider.GetUtcNow();
        var before = runtime.Controller.State;
        ArmSummary? baseline = null, canary = null;
        JudgeVerdict? verdict = null;
        if (before.Status == RolloutStatus.Progressing)
        {
            verdict = Look(runtime, now, out baseline, out canary);
        }

        var transition = runtime.Controller.Tick(now, verdict);
        if (transition is null && before.Status is not (RolloutStatus.Progressing or RolloutStatus.Paused))
        {
            return null;
        }

        try
        {
            await PersistAsync(runtime, transition, _controllerActor, baseline, canary, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Publish even when the write failed: a rollback must not wait for the store. The store catches up at the next tick.
            Publish(runtime);
        }

        return transition;
    }

    /// <summary>One judge look at the attempt's cumulative observations, with the weight in force since the previous look.</summary>
    private static JudgeVerdict Look(RolloutRuntime runtime, DateTimeOffset now, out ArmSummary baseline, out ArmSummary canary)
    {
        var arms = runtime.Arms;
        baseline = arms.Baseline.GetSummary();
        canary = arms.Canary.GetSummary();
        var verdict = runtime.Judge.Judge(new JudgeInput(baseline, canary, runtime.Controller.State.WeightBasisPoints / 10_000.0, now));
        runtime.LastVerdict = verdict;
        runtime.LastVerdictJson = VerdictJson.ToElement(verdict);
        runtime.PendingLook = (verdict, baseline, canary);
        return verdict;
    }

    private async Task TryAdoptAsync(RolloutRuntime runtime, List<RolloutTickFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            await AdoptAsync(runtime, cancellationToken).ConfigureAwait(false);
            Publish(runtime);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failures.Add(new RolloutTickFailure(runtime.Definition.Id, exception));
        }
    }
}
