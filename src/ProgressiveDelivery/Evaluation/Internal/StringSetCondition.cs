using System;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// <c>equals</c>, <c>notEquals</c>, <c>in</c>, <c>notIn</c>: membership (ordinal or ordinal ignore case). Up to
/// <see cref="ScanLimit"/> values are scanned (cheaper than hashing the text); more go through a frozen set.
/// </summary>
internal sealed class StringSetCondition : TextCondition
{
    /// <summary>The most values scanned linearly (length and first char first): for so few, a scan costs less than hashing the text.</summary>
    internal const int ScanLimit = 4;

    private readonly FrozenSet<string>? _set;
    private readonly string[] _values;
    private readonly bool _caseSensitive;
    private readonly StringComparison _comparison;

    public StringSetCondition(string attribute, bool negate, string[] values, bool caseSensitive)
        : base(attribute, negate)
    {
        _values = values;
        _caseSensitive = caseSensitive;
        _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        _set = values.Length > ScanLimit
            ? values.ToFrozenSet(caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase)
            : null;
    }

    /// <summary>The values when they are scanned case-sensitively (no frozen set), else <see langword="null"/>.</summary>
    public string[]? ScannedValues => _caseSensitive && _set is null ? _values : null;

    /// <summary>The common case (one string attribute) without the virtual hop to <see cref="MatchesString"/>.</summary>
    public override bool Matches(EvaluationContext context)
    {
        if (!IsTargetingKey)
        {
            ref readonly var value = ref Find(context);
            if (Unsafe.IsNullRef(in value))
            {
                return false;
            }

            return value.Kind == AttributeKind.String ? Contains(value.String) != Negate : MatchesOther(in value);
        }

        return base.Matches(context);
    }

    protected override bool MatchesString(string text) => Contains(text);

    private bool Contains(string text)
    {
        if (_set is not null)
        {
            return _set.Contains(text);
        }

        var values = _values;
        if (_caseSensitive)
        {
            for (var i = 0; i < values.Length; i++)
            {
                // Most candidates differ in length or first char: reject those without a call.
                var value = values[i];
                if (value.Length == text.Length && (value.Length == 0 || value[0] == text[0]) && string.Equals(value, text))
                {
                    return true;
                }
            }

            return false;
        }

        return MatchesText(text);
    }

    protected override bool MatchesText(ReadOnlySpan<char> text)
    {
        // Formatted numbers, booleans and dates, and case-insensitive scans: no string allocated for the lookup.
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
