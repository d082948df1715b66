using System;
using System.Buffers;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// The state a <see cref="RolloutManager"/> persists per rollout (the <see cref="Persistence.RolloutDocument.State"/>):
/// the controller's state, both arms' cumulative observation summaries (per analysis cell), the attempt's unit set
/// (base64), the judge's sequential state, the last verdict and the bounded history of looks (optional: a state without
/// one reads as an empty history, so documents written before it still load).
/// </summary>
/// <remarks>
/// Version 2 added the unit cells and the unit set. A version-1 state (observations per request only) can still be
/// read for its controller state, but not judged: the manager starts a fresh attempt from it (<see cref="IsVersion1"/>).
/// </remarks>
internal static class RolloutStateJson
{
    public const string Format = "progressive-delivery.rollout-state.v2";

    public const string Version1Format = "progressive-delivery.rollout-state.v1";

    public static JsonElement Write(RolloutState state, ArmSummary baseline, ArmSummary canary, UnitSet units, CanaryJudge judge, JsonElement? lastVerdict, RolloutHistory history)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            WriteStateFields(writer, state);
            writer.WritePropertyName("baseline");
            ObservationJson.WriteArmSummary(writer, baseline);
            writer.WritePropertyName("canary");
            ObservationJson.WriteArmSummary(writer, canary);
            writer.WriteBase64String("units", units.ToBytes());
            writer.WritePropertyName("judge");
            judge.WriteState(writer);
            if (lastVerdict is { } verdict)
            {
                writer.WritePropertyName("lastVerdict");
                verdict.WriteTo(writer);
            }

            writer.WritePropertyName("history");
            history.Write(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <exception cref="FormatException">The state is not one this version wrote (nor a version-1 state).</exception>
    public static RolloutState ReadState(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("format", out var format) || (format.GetString() != Format && format.GetString() != Version1Format))
        {
            throw new FormatException($"The rollout state is not in the format '{Format}'.");
        }

        return ReadStateFields(element);
    }

    /// <summary>Whether the state was written before observations were kept per unit (format version 1).</summary>
    public static bool IsVersion1(JsonElement element) =>
        element.TryGetProperty("format", out var format) && format.GetString() == Version1Format;

    public static UnitSet ReadUnits(JsonElement element) => UnitSet.FromBytes(element.GetProperty("units").GetBytesFromBase64());

    /// <summary>The controller state's fields, into the object being written (also the <c>after</c> of audit evidence).</summary>
    public static void WriteStateFields(Utf8JsonWriter writer, RolloutState state)
    {
        writer.WriteString("status", state.Status.ToString());
        writer.WriteNumber("stepIndex", state.StepIndex);
        writer.WriteNumber("weightBasisPoints", state.WeightBasisPoints);
        writer.WriteNumber("attempt", state.Attempt);
        WriteTime(writer, "attemptStartedAt", state.AttemptStartedAt);
        WriteTime(writer, "stepStartedAt", state.StepStartedAt);
        WriteTime(writer, "endedAt", state.EndedAt);
        WriteText(writer, "pauseReason", state.PauseReason);
        writer.WriteBoolean("pausedAtStep", state.PausedAtStep);
        WriteText(writer, "acknowledgedPause", state.AcknowledgedPause);
    }

    public static RolloutState ReadStateFields(JsonElement element)
    {
        return new RolloutState
        {
            Status = Enum.Parse<RolloutStatus>(element.GetProperty("status").GetString()!),
            StepIndex = element.GetProperty("stepIndex").GetInt32(),
            WeightBasisPoints = element.GetProperty("weightBasisPoints").GetInt32(),
            Attempt = element.GetProperty("attempt").GetInt32(),
            AttemptStartedAt = ReadTime(element, "attemptStartedAt"),
            StepStartedAt = ReadTime(element, "stepStartedAt"),
            EndedAt = ReadTime(element, "endedAt"),
            PauseReason = ReadText(element, "pauseReason"),
            PausedAtStep = element.GetProperty("pausedAtStep").GetBoolean(),
            AcknowledgedPause = ReadText(element, "acknowledgedPause"),
        };
    }

    /// <summary>
    /// The evidence of a transition's audit entry: <c>{"after": {controller state}, "verdict": {...}}</c>, so that a
    /// transition logged but not saved (a crash between the two writes) can be completed from the log.
    /// </summary>
    public static JsonElement WriteEvidence(RolloutTransition transition)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("after");
            WriteStateFields(writer, transition.After);
            writer.WriteEndObject();
            if (transition.Verdict is { } verdict)
            {
                writer.WritePropertyName("verdict");
                VerdictJson.Write(writer, verdict);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static ArmSummary ReadArm(JsonElement element, string name) => ObservationJson.ReadArmSummary(element.GetProperty(name));

    public static JsonElement ReadJudge(JsonElement element) => element.GetProperty("judge");

    public static JsonElement? ReadLastVerdict(JsonElement element) =>
        element.TryGetProperty("lastVerdict", out var verdict) ? verdict.Clone() : null;

    /// <summary>The state's bounded history; empty for a state written before histories were kept.</summary>
    /// <exception cref="FormatException">A stored point lacks its time, weight, status or attempt.</exception>
    public static RolloutHistory ReadHistory(JsonElement element) =>
        RolloutHistory.Read(element.TryGetProperty("history", out var history) ? history : null);

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time);
        }
    }

    private static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetDateTimeOffset() : null;

    private static string? ReadText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
