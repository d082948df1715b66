using System;
using System.Globalization;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Invariant parsing of number and date literals, used both for definition operands (compile time) and for string
/// attributes (evaluation time, from spans, without allocating).
/// </summary>
internal static class Literals
{
    private const NumberStyles NumberStyle =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign |
        NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private const NumberStyles UnixSecondsStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static readonly long MinUnixSeconds = (DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
    private static readonly long MaxUnixSeconds = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;

    /// <summary>A finite invariant number: optional sign, digits, decimal point, exponent; no thousands separators, no NaN/Infinity.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// A date as UTC ticks: Unix seconds (<c>1767225600</c>, <c>-1.5</c>) or ISO 8601 starting with <c>yyyy-MM-dd</c>
    /// (<c>2026-01-01</c>, <c>2026-01-01T09:30:00Z</c>, <c>2026-01-01T09:30:00+02:00</c>); no offset means UTC.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        if (double.TryParse(text, UnixSecondsStyle, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryConvertUnixSeconds(seconds, out utcTicks);
        }

        if (text.Length < 10 || !IsDigits(text[..4]) || text[4] != '-' || !IsDigits(text.Slice(5, 2)) || text[7] != '-' || !IsDigits(text.Slice(8, 2)))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        utcTicks = date.UtcTicks;
        return true;
    }

    /// <summary>Converts Unix seconds to UTC ticks; false when out of the representable range.</summary>
    public static bool TryConvertUnixSeconds(double seconds, out long utcTicks)
    {
        if (!double.IsFinite(seconds) || seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
        {
            utcTicks = 0;
            return false;
        }

        utcTicks = DateTimeOffset.UnixEpoch.UtcTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
