using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Finds POSIX bracket expressions in a regular expression: character classes <c>[:alpha:]</c>, equivalence classes
/// <c>[=a=]</c> and collating symbols <c>[.x.]</c> inside a set (<c>[[:digit:]]</c>), and a bare named class used as a
/// set (<c>[:digit:]</c>). .NET has none of them: it reads each as a set of its characters, so <c>[[:digit:]]</c> matches
/// one of <c>[:digt</c> followed by <c>]</c> and a condition written for digits silently never matches.
/// </summary>
internal static class PosixBracketExpressions
{
    private static readonly string[] ClassNames =
        ["alpha", "digit", "alnum", "upper", "lower", "space", "punct", "xdigit", "word", "blank", "cntrl", "graph", "print"];

    /// <summary>Finds the first POSIX bracket expression of <paramref name="pattern"/> (escapes are skipped).</summary>
    public static bool TryFind(string pattern, out string expression)
    {
        var inSet = false;
        var setStart = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++; // an escaped character is literal, inside a set or not
                continue;
            }

            if (!inSet)
            {
                if (c == '[')
                {
                    if (TryNamedClass(pattern, i, out expression))
                    {
                        return true; // [:digit:] as a whole set
                    }

                    inSet = true;
                    setStart = i + (i + 1 < pattern.Length && pattern[i + 1] == '^' ? 2 : 1);
                }

                continue;
            }

            if (c == ']' && i > setStart)
            {
                inSet = false; // (a ']' first in a set is literal)
            }
            else if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] is ':' or '=' or '.')
            {
                var close = pattern.IndexOf(pattern[i + 1] + "]", i + 2, StringComparison.Ordinal);
                if (close > i + 2)
                {
                    expression = pattern[i..(close + 2)];
                    return true;
                }
            }
        }

        expression = string.Empty;
        return false;
    }

    private static bool TryNamedClass(string pattern, int start, out string expression)
    {
        foreach (var name in ClassNames)
        {
            var candidate = "[:" + name + ":]";
            if (string.CompareOrdinal(pattern, start, candidate, 0, candidate.Length) == 0)
            {
                expression = candidate;
                return true;
            }
        }

        expression = string.Empty;
        return false;
    }
}
