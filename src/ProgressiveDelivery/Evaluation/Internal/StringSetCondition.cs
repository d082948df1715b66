using System;
using System.Collections.Frozen;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary><c>equals</c>, <c>notEquals</c>, <c>in</c>, <c>notIn</c>: membership in a frozen set (ordinal or ordinal ignore case).</summary>
internal sealed class StringSetCondition : TextCondition
{
    private readonly FrozenSet<string> _set;
    private readonly string[] _values;
    private readonly StringComparison _comparison;

    public StringSetCondition(string attribute, bool negate, string[] values, bool caseSensitive)
        : base(attribute, negate)
    {
        _values = values;
        _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        _set = values.ToFrozenSet(caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
    }

    protected override bool MatchesString(string text) => _set.Contains(text);

    protected override bool MatchesText(ReadOnlySpan<char> text)
    {
        // Only formatted numbers, booleans and dates get here: a short scan, no string allocated for the lookup.
        foreach (var value in _values)
        {
            if (text.Equals(value, _comparison))
            {
                return true;
            }
        }

        return false;
    }
}
