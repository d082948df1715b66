using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>Finds the valid name a misspelt one was probably meant to be, for "did you mean" hints in error messages.</summary>
internal static class NameSuggestions
{
    /// <summary>
    /// The candidate equal to <paramref name="name"/> ignoring case, else ignoring case and the separators <c>_</c>,
    /// <c>-</c> and space (<c>starts_with</c>), else the closest one within an edit distance of two (one for names of up
    /// to four characters), else <see langword="null"/>.
    /// </summary>
    public static string? Closest(string name, IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        var bare = WithoutSeparators(name);
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, bare, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        var limit = name.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = limit + 1;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate, bestDistance);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The message suffix <c> Did you mean 'x'?</c>, or an empty string.</summary>
    public static string Hint(string name, IReadOnlyList<string> candidates) => Hint(Closest(name, candidates));

    /// <summary>The message suffix <c> Did you mean 'x'?</c> for a suggestion, or an empty string for none.</summary>
    public static string Hint(string? suggestion) => suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";

    private static string WithoutSeparators(string name) =>
        name.Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal);

    // Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive,
    // giving up once every cell of a row reaches the limit.
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
        {
            return limit;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1
                    && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2])
                    && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum >= limit)
            {
                return limit;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], limit);
    }
}
