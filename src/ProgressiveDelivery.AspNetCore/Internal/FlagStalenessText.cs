using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Why a flag is stale, in words (the start-up warning).</summary>
internal static class FlagStalenessText
{
    public static string Why(FlagStalenessEntry entry, DateTimeOffset now, TimeSpan staleAfter)
    {
        var parts = new List<string>(2);
        if (entry.Expired)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"it expired on {entry.Expires!.Value.UtcDateTime:yyyy-MM-dd}"));
        }

        if (entry.SingleVariantStale && entry.Since is { } since)
        {
            var served = entry.Variant is null ? "the caller's default" : $"variant '{entry.Variant}'";
            var origin = entry.SinceSource == FlagStalenessEntry.RolloutSource
                ? $"since its rollout '{entry.RolloutId}' ended"
                : "since it was first recorded so";
            parts.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"it has served {served} to every unit {origin} on {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {Days(now - since)} (more than {Days(staleAfter)})"));
        }

        return string.Join("; ", parts);
    }

    private static string Days(TimeSpan span) => span.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} hours");
}
