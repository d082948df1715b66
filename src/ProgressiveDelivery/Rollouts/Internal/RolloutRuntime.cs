using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// Everything a <see cref="RolloutManager"/> holds for one rollout: its definition, controller, judge, the current
/// attempt's observations, and the stored document's version and audit head. Mutated only under the manager's gate,
/// except <see cref="Arms"/> and <see cref="Recording"/>, which the recording path reads without locks.
/// </summary>
internal sealed class RolloutRuntime(RolloutDefinition definition, RolloutController controller, CanaryJudge judge, RolloutArms arms)
{
    private volatile RolloutArms _arms = arms;
    private volatile bool _recording;

    public RolloutDefinition Definition { get; set; } = definition;

    public RolloutController Controller { get; set; } = controller;

    public CanaryJudge Judge { get; set; } = judge;

    public RolloutArms Arms
    {
        get => _arms;
        set => _arms = value;
    }

    /// <summary>Whether outcomes are recorded: while the rollout progresses or is paused, not before or after.</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    public long Version { get; set; }

    public AuditHead AuditHead { get; set; } = AuditHead.Genesis;

    public JudgeVerdict? LastVerdict { get; set; }

    public JsonElement? LastVerdictJson { get; set; }

    public string? LastError { get; set; }

    /// <summary>The bounded history of looks and transitions, stored with the state.</summary>
    public RolloutHistory History { get; set; } = new();

    /// <summary>The look made since the last write, recorded in <see cref="History"/> by that write.</summary>
    public (JudgeVerdict Verdict, ArmSummary Baseline, ArmSummary Canary)? PendingLook { get; set; }

    /// <summary>Adds the pending look and/or the transition to <see cref="History"/> (nothing when neither happened).</summary>
    /// <param name="now">The time of a transition without a look.</param>
    /// <param name="transition">The transition being written, if any.</param>
    /// <param name="state">The state being written (a fleet's decider writes a decided copy before it becomes <see cref="Controller"/>'s).</param>
    public void RecordHistory(DateTimeOffset now, RolloutTransition? transition, RolloutState state)
    {
        var look = PendingLook;
        PendingLook = null;
        if (look is null && transition is null)
        {
            return;
        }

        History.Add(HistoryPoint.Create(look?.Verdict.Timestamp ?? now, state, look?.Verdict, look?.Baseline, look?.Canary, transition, Arms.RecordsLogLatency));
    }

    /// <summary>What the manager did on its own that an operator should know (see <see cref="RolloutView.Notice"/>).</summary>
    public string? Notice { get; set; }

    /// <summary>Fleet mode: this replica's observations of earlier steps, kept until flushed after they closed. Guarded by itself.</summary>
    public List<ClosedArms> ClosedArms { get; } = [];

    /// <summary>Fleet mode: the merge of every replica's observations the decider last judged (from the stored document on followers).</summary>
    public ArmSummary? FleetBaseline { get; set; }

    /// <summary>Fleet mode: see <see cref="FleetBaseline"/>.</summary>
    public ArmSummary? FleetCanary { get; set; }

    /// <summary>Fleet mode: the units of <see cref="FleetBaseline"/> and <see cref="FleetCanary"/>.</summary>
    public UnitSet? FleetUnits { get; set; }

    /// <summary>Fleet mode: the stored version that set the weight in force (the decider waits for every replica to apply it).</summary>
    public long WeightVersion { get; set; }

    public SplitOverride CreateOverride() =>
        new(Definition.FlagKey, Definition.CanaryVariant, Definition.StableVariant, Controller.State.WeightBasisPoints);

    public void SyncRecording() =>
        Recording = Controller.State.Status is RolloutStatus.Progressing or RolloutStatus.Paused;
}
