using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// The sequential state of one metric: it sees each look's cumulative summaries, keeps what its test needs (O(1) or
/// O(grid) state, never per request) and classifies the metric. Serialises to JSON so a restarted judge resumes.
/// </summary>
internal abstract class MetricTracker
{
    protected MetricTracker(MetricSettings settings)
    {
        Settings = settings;
    }

    public MetricSettings Settings { get; }

    /// <summary>The look at which the metric was first proven worse (0 = never); a failure is final.</summary>
    public long FailedAtLook { get; protected set; }

    /// <summary>The direction of the final failure.</summary>
    public MetricResult FailedResult { get; protected set; }

    /// <summary>
    /// Takes this look's cumulative summaries (the tracker derives the increment since the previous look) and the canary
    /// share in force since the previous look.
    /// </summary>
    public abstract void Observe(ArmSummary baseline, ArmSummary canary, double canaryShare, long look);

    /// <summary>
    /// After <see cref="Observe"/>, when the look knows each step's own observations: the weight segments become those
    /// steps. Trackers that do not compare per segment ignore it.
    /// </summary>
    public virtual void ObserveSteps(IReadOnlyList<JudgeStep> steps)
    {
    }

    /// <summary>Classifies the metric from the state after the latest <see cref="Observe"/>.</summary>
    public abstract MetricEvidence Evaluate();

    /// <summary>Writes the tracker's state as the properties of the current JSON object.</summary>
    public void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteNumber("failedAtLook", FailedAtLook);
        writer.WriteNumber("failedResult", (int)FailedResult);
        WriteStateCore(writer);
    }

    /// <summary>Restores the state written by <see cref="WriteState"/>.</summary>
    public void ReadState(JsonElement element)
    {
        FailedAtLook = element.GetProperty("failedAtLook").GetInt64();
        FailedResult = (MetricResult)element.GetProperty("failedResult").GetInt32();
        ReadStateCore(element);
    }

    protected abstract void WriteStateCore(Utf8JsonWriter writer);

    protected abstract void ReadStateCore(JsonElement element);
}
