using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>The JSON documents of the admin endpoints, written by hand (no reflection: trimming-safe).</summary>
internal static partial class AdminJson
{
    /// <summary>
    /// <c>{"definitions": {flags document}, "splitOverrides": {"flag": {"canaryVariant", "stableVariant", "canaryPercent"}},
    /// "staleness": {"singleVariantStaleAfterDays", "flags": {"flag": {"stale", "reasons", "expires", "singleVariant", "variant", "since", "sinceSource", "rollout"}}}}</c>;
    /// <c>definitions</c> is <see langword="null"/> when the application registered its own evaluator.
    /// </summary>
    public static string Flags(
        FlagSet? definitions, IReadOnlyDictionary<string, SplitOverride> overrides, IReadOnlyList<FlagStalenessEntry> staleness, TimeSpan staleAfter) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("definitions");
        if (definitions is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            FlagSetJson.Write(definitions, writer);
        }

        writer.WriteStartObject("splitOverrides");
        var keys = new List<string>(overrides.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var split = overrides[key];
            writer.WriteStartObject(key);
            writer.WriteString("canaryVariant", split.CanaryVariant);
            writer.WriteString("stableVariant", split.StableVariant);
            writer.WriteNumber("canaryPercent", split.CanaryPercent);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        WriteStaleness(writer, staleness, staleAfter);
        writer.WriteEndObject();
    });

    private static void WriteStaleness(Utf8JsonWriter writer, IReadOnlyList<FlagStalenessEntry> entries, TimeSpan staleAfter)
    {
        writer.WriteStartObject("staleness");
        writer.WriteNumber("singleVariantStaleAfterDays", staleAfter.TotalDays);
        writer.WriteStartObject("flags");
        foreach (var entry in entries)
        {
            writer.WriteStartObject(entry.FlagKey);
            writer.WriteBoolean("stale", entry.Stale);
            writer.WriteStartArray("reasons");
            if (entry.Expired)
            {
                writer.WriteStringValue("expired");
            }

            if (entry.SingleVariantStale)
            {
                writer.WriteStringValue("single_variant");
            }

            writer.WriteEndArray();
            if (entry.Expires is { } expires)
            {
                writer.WriteString("expires", expires);
            }

            writer.WriteBoolean("singleVariant", entry.SingleVariant);
            if (entry.SingleVariant)
            {
                writer.WriteString("variant", entry.Variant);
            }

            if (entry.Since is { } since)
            {
                writer.WriteString("since", since);
                writer.WriteString("sinceSource", entry.SinceSource);
                writer.WriteNumber("days", Math.Round(entry.Days ?? 0, 3));
            }

            if (entry.RolloutId is { } rollout)
            {
                writer.WriteString("rollout", rollout);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary><c>{"rollouts": [rollout, ...]}</c>.</summary>
    public static string Rollouts(IReadOnlyList<RolloutView> views) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("rollouts");
        foreach (var view in views)
        {
            WriteRollout(writer, view);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>One rollout: state, step, weight, decision, the verdict with its evidence, per-arm counts.</summary>
    public static string Rollout(RolloutView view) => Write(writer => WriteRollout(writer, view));

    /// <summary><c>{"entries": [{"sequence", "timestamp", "actor", "action", "reason", "before", "after", "evidence", "hash", "previousHash"}]}</c>.</summary>
    public static string Audit(IReadOnlyList<AuditEntry> entries) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("entries");
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("timestamp", entry.Timestamp);
            writer.WriteString("rolloutId", entry.RolloutId);
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("action", entry.Action);
            writer.WriteString("reason", entry.Reason);
            writer.WriteString("before", entry.Before);
            writer.WriteString("after", entry.After);
            writer.WritePropertyName("evidence");
            WriteElement(writer, entry.Evidence);
            writer.WriteString("previousHash", entry.PreviousHash);
            writer.WriteString("hash", entry.Hash);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteRollout(Utf8JsonWriter writer, RolloutView view)
    {
        var state = view.State;
        writer.WriteStartObject();
        writer.WriteString("id", view.RolloutId);
        writer.WriteString("flag", view.FlagKey);
        writer.WriteString("stableVariant", view.StableVariant);
        writer.WriteString("canaryVariant", view.CanaryVariant);
        writer.WriteBoolean("adaptive", view.Adaptive);
        writer.WriteString("status", RolloutGauges.StatusName(state.Status));
        writer.WriteString("state", state.ToString());
        writer.WriteNumber("stepIndex", state.StepIndex);
        writer.WriteNumber("stepCount", view.StepCount);
        writer.WriteString("currentStep", view.CurrentStep?.ToString());
        writer.WriteNumber("weightPercent", state.WeightPercent);
        writer.WriteNumber("attempt", state.Attempt);
        writer.WriteString("pauseReason", state.PauseReason);
        WriteTime(writer, "attemptStartedAt", state.AttemptStartedAt);
        WriteTime(writer, "stepStartedAt", state.StepStartedAt);
        WriteTime(writer, "endedAt", state.EndedAt);
        writer.WriteString("decision", view.LastDecision is { } decision ? DecisionName(decision) : null);
        writer.WritePropertyName("verdict");
        WriteElement(writer, view.LastVerdict);
        writer.WriteStartObject("arms");
        WriteArm(writer, "baseline", view.StableVariant, view.BaselineExposures, view.BaselineErrors, view.BaselineUnits);
        WriteArm(writer, "canary", view.CanaryVariant, view.CanaryExposures, view.CanaryErrors, view.CanaryUnits);
        writer.WriteEndObject();
        writer.WriteNumber("version", view.Version);
        writer.WriteString("lastError", view.LastError);
        writer.WriteString("notice", view.Notice);
        writer.WriteString("timestamp", view.Timestamp);
        writer.WriteEndObject();
    }

    private static void WriteArm(Utf8JsonWriter writer, string name, string variant, long exposures, long errors, long units)
    {
        writer.WriteStartObject(name);
        writer.WriteString("variant", variant);
        writer.WriteNumber("exposures", exposures);
        writer.WriteNumber("errors", errors);
        writer.WriteNumber("units", units);
        writer.WriteEndObject();
    }

    private static string DecisionName(JudgeDecision decision) => decision switch
    {
        JudgeDecision.Promote => "promote",
        JudgeDecision.Pause => "pause",
        JudgeDecision.Rollback => "rollback",
        _ => "continue",
    };

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement? element)
    {
        if (element is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string Write(Action<Utf8JsonWriter> write) => JsonText.Write(write);
}
