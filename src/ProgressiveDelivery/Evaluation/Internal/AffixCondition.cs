using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary><c>startsWith</c>, <c>endsWith</c>, <c>contains</c>: ordinal or ordinal-ignore-case against any value.</summary>
internal sealed class AffixCondition(string attribute, AffixKind kind, string[] values, bool caseSensitive)
    : TextCondition(attribute, negate: false)
{
    private readonly StringComparison _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    protected override bool MatchesText(ReadOnlySpan<char> text)
    {
        foreach (var value in values)
        {
            var match = kind switch
            {
                AffixKind.StartsWith => text.StartsWith(value, _comparison),
                AffixKind.EndsWith => text.EndsWith(value, _comparison),
                _ => text.Contains(value, _comparison),
            };

            if (match)
            {
                return true;
            }
        }

        return false;
    }
}
