using System.Text.Json;
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

    /// <summary>What the manager did on its own that an operator should know (see <see cref="RolloutView.Notice"/>).</summary>
    public string? Notice { get; set; }

    public SplitOverride CreateOverride() =>
        new(Definition.FlagKey, Definition.CanaryVariant, Definition.StableVariant, Controller.State.WeightBasisPoints);

    public void SyncRecording() =>
        Recording = Controller.State.Status is RolloutStatus.Progressing or RolloutStatus.Paused;
}
