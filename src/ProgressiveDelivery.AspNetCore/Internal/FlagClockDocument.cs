using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Since when each flag has served one variant to every unit, kept in the <see cref="RolloutStore"/> as the document
/// <see cref="Id"/>, so that a restart (and every replica of a fleet) knows it: <c>{"format": "flag-clock/1", "flags":
/// {"key": {"variant": "on" | null, "since": "..."}}}</c>. Only single-variant flags have an entry.
/// </summary>
internal static class FlagClockDocument
{
    /// <summary>The store id of the document; a rollout of this id keeps the clock in memory instead (never overwritten).</summary>
    public const string Id = "progressive-delivery.flag-clock";

    public const string Format = "flag-clock/1";

    /// <summary>Whether <paramref name="document"/> is a flag clock (and not, say, a rollout that happens to have the id).</summary>
    public static bool TryRead(RolloutDocument document, out Dictionary<string, FlagClockEntry> entries)
    {
        entries = new Dictionary<string, FlagClockEntry>(StringComparer.Ordinal);
        var state = document.State;
        if (state.ValueKind != JsonValueKind.Object
            || !state.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format
            || !state.TryGetProperty("flags", out var flags) || flags.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var flag in flags.EnumerateObject())
        {
            if (flag.Value.ValueKind == JsonValueKind.Object
                && flag.Value.TryGetProperty("since", out var since) && since.TryGetDateTimeOffset(out var time)
                && flag.Value.TryGetProperty("variant", out var variant) && variant.ValueKind is JsonValueKind.String or JsonValueKind.Null)
            {
                entries[flag.Name] = new FlagClockEntry(variant.GetString(), time);
            }
        }

        return true;
    }

    public static RolloutDocument Create(IReadOnlyDictionary<string, FlagClockEntry> entries) => new(Id, JsonText.WriteElement(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteStartObject("flags");
        var keys = new List<string>(entries.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            writer.WriteStartObject(key);
            writer.WriteString("variant", entries[key].Variant);
            writer.WriteString("since", entries[key].Since);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }), AuditHead.Genesis);
}

/// <summary>A flag has served <paramref name="Variant"/> (null: the caller's default) to every unit since <paramref name="Since"/>.</summary>
internal readonly record struct FlagClockEntry(string? Variant, DateTimeOffset Since);
