using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Internal;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Rollouts;

/// <summary>
/// Runs every rollout of an application: records request outcomes per arm (<see cref="IOutcomeRecorder"/>), ticks each
/// rollout's judge and controller (<see cref="TickAsync"/>), executes manual commands, persists state, observations and
/// judge state through a <see cref="RolloutStore"/> with an <see cref="AuditLog"/> entry for every transition and command,
/// and publishes each rollout's weight to the <see cref="FlagEvaluator"/> as a <see cref="SplitOverride"/>.
/// </summary>
/// <remarks>
/// <para>Start with <see cref="LoadAsync"/>: every rollout resumes from its stored state (observations and judge
/// included), or starts pending. Ticks and commands are serialized; recording is lock-free and allocation-free and
/// may run on any thread at any time.</para>
/// <para>Writes follow docs/rollouts-persistence.md: the audit entry first, then the state with the entry's head. A
/// command that loses a concurrent write is retried against the stored state; a tick that loses one adopts the
/// stored state and decides again at the next tick.</para>
/// </remarks>
public sealed partial class RolloutManager : IOutcomeRecorder
{
    private readonly FlagEvaluator _evaluator;
    private readonly RolloutStore _store;
    private readonly AuditLog _auditLog;
    private readonly TimeProvider _timeProvider;
    private readonly string _controllerActor;
    private readonly int _maxConcurrencyAttempts;
    private readonly RolloutFleet? _fleet;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile FrozenDictionary<string, RolloutRuntime> _byId = FrozenDictionary<string, RolloutRuntime>.Empty;
    private volatile FrozenDictionary<string, RolloutRuntime> _byFlag = FrozenDictionary<string, RolloutRuntime>.Empty;

    /// <summary>Creates a manager without rollouts; call <see cref="LoadAsync"/> next.</summary>
    /// <param name="evaluator">The evaluator whose flags the rollouts drive.</param>
    /// <param name="store">Where rollout state lives.</param>
    /// <param name="auditLog">Where every transition and command is recorded.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="evaluator"/>, <paramref name="store"/> or <paramref name="auditLog"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid (null time provider, empty actor, fewer than 1 attempt).</exception>
    public RolloutManager(FlagEvaluator evaluator, RolloutStore store, AuditLog auditLog, RolloutManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(auditLog);
        options ??= new RolloutManagerOptions();
        if (options.TimeProvider is null)
        {
            throw new ArgumentException("The time provider must not be null.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ControllerActor))
        {
            throw new ArgumentException("The controller actor must not be empty.", nameof(options));
        }

        if (options.MaxConcurrencyAttempts < 1)
        {
            throw new ArgumentException("MaxConcurrencyAttempts must be at least 1.", nameof(options));
        }

        _evaluator = evaluator;
        _store = store;
        _auditLog = auditLog;
        _timeProvider = options.TimeProvider;
        _controllerActor = options.ControllerActor;
        _maxConcurrencyAttempts = options.MaxConcurrencyAttempts;
        _fleet = options.Fleet;
    }

    /// <summary>The ids of the rollouts loaded, in ordinal order.</summary>
    public IReadOnlyList<string> RolloutIds
    {
        get
        {
            var ids = new List<string>(_byId.Keys);
            ids.Sort(StringComparer.Ordinal);
            return ids;
        }
    }

    /// <summary>
    /// Records one request served under a flag evaluation: when the flag is driven by a rollout that is running and the
    /// default split assigned the unit (reason <see cref="EvaluationReason.Split"/>, no rule), one exposure of the
    /// variant's arm, a failure if it failed, and its duration. Anything else is ignored. Thread-safe,
    /// allocation-free, never throws.
    /// </summary>
    /// <param name="evaluation">The evaluation that chose the variant.</param>
    /// <param name="unit">The unit served (<see cref="UnitKey.FromId"/> of its targeting key).</param>
    /// <param name="outcome">What happened.</param>
    public void Record(in FlagEvaluation evaluation, UnitKey unit, in RequestOutcome outcome)
    {
        var flagKey = evaluation.FlagKey;
        if (flagKey is not null && _byFlag.TryGetValue(flagKey, out var runtime) && runtime.Recording)
        {
            runtime.Arms.Record(in evaluation, unit, in outcome);
        }
    }

    /// <summary>The current picture of one rollout, or <see langword="null"/> when no rollout has this id.</summary>
    /// <param name="rolloutId">The rollout's id.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> is <see langword="null"/>.</exception>
    public RolloutView? GetRollout(string rolloutId)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        return _byId.TryGetValue(rolloutId, out var runtime) ? CreateView(runtime) : null;
    }

    /// <summary>The current picture of every rollout, in id order.</summary>
    /// <returns>The views.</returns>
    public IReadOnlyList<RolloutView> GetRollouts()
    {
        var views = new List<RolloutView>();
        foreach (var id in RolloutIds)
        {
            if (_byId.TryGetValue(id, out var runtime))
            {
                views.Add(CreateView(runtime));
            }
        }

        return views;
    }

    /// <summary>
    /// Returns a rollout's bounded history of looks and transitions, as stored with its state (in fleet mode, the
    /// decider's, on every replica): <c>{"capacity", "spacingSeconds", "points": [{"timestamp", "weightPercent",
    /// "status", "attempt", "stepIndex", "action"?, "reason"?, "decision"?, "srmPValue"?, "arms"?, "metrics"?}]}</c>, oldest first.
    /// </summary>
    /// <param name="rolloutId">The rollout id.</param>
    /// <returns>The history, or <see langword="null"/> when no rollout has that id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// At most a few hundred points, however long the rollout: older points are thinned to an even spacing (doubling as
    /// the rollout goes on), keeping the first, the latest and every change of weight, status or attempt.
    /// </remarks>
    public JsonElement? GetHistory(string rolloutId)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        return _byId.TryGetValue(rolloutId, out var runtime) ? runtime.History.ToElement() : null;
    }

    private RolloutView CreateView(RolloutRuntime runtime)
    {
        var definition = runtime.Definition;
        var controller = runtime.Controller;
        var arms = runtime.Arms;

        // In fleet mode the counts are the fleet's (as last judged), not this replica's.
        var (fleetBaseline, fleetCanary) = _fleet is null ? (null, null) : (runtime.FleetBaseline ?? ArmSummary.Empty, runtime.FleetCanary ?? ArmSummary.Empty);
        return new RolloutView
        {
            RolloutId = definition.Id,
            FlagKey = definition.FlagKey,
            StableVariant = definition.StableVariant,
            CanaryVariant = definition.CanaryVariant,
            Adaptive = definition.Adaptive,
            State = controller.State,
            StepCount = controller.StepCount,
            CurrentStep = controller.CurrentStep,
            Version = runtime.Version,
            LastDecision = runtime.LastVerdict?.Decision ?? ReadDecision(runtime),
            LastVerdict = runtime.LastVerdictJson,
            BaselineExposures = fleetBaseline?.Exposures ?? arms.Baseline.Exposures,
            BaselineErrors = fleetBaseline?.GetCount(Plans.RolloutMetrics.Errors) ?? arms.Baseline.GetCounter(Plans.RolloutMetrics.Errors).Count,
            CanaryExposures = fleetCanary?.Exposures ?? arms.Canary.Exposures,
            CanaryErrors = fleetCanary?.GetCount(Plans.RolloutMetrics.Errors) ?? arms.Canary.GetCounter(Plans.RolloutMetrics.Errors).Count,
            LastError = runtime.LastError,
            Notice = runtime.Notice,
            BaselineUnits = fleetBaseline?.Units ?? arms.Baseline.Units,
            CanaryUnits = fleetCanary?.Units ?? arms.Canary.Units,
            Timestamp = _timeProvider.GetUtcNow(),
        };
    }

    private static JudgeDecision? ReadDecision(RolloutRuntime runtime) =>
        runtime.LastVerdictJson is { } json && json.TryGetProperty("decision", out var decision)
            ? decision.GetString() switch
            {
                "promote" => JudgeDecision.Promote,
                "pause" => JudgeDecision.Pause,
                "rollback" => JudgeDecision.Rollback,
                _ => JudgeDecision.Continue,
            }
            : null;

    private void Publish(RolloutRuntime runtime)
    {
        _evaluator.SetSplitOverride(runtime.CreateOverride());
        runtime.SyncRecording();
    }
}
