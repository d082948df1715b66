using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// A semantic version (SemVer 2.0.0): <c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c>, with an optional leading <c>v</c> or
/// <c>V</c> (as in git tags). Parsing is strict otherwise: three numeric parts without leading zeros, non-empty
/// identifiers of <c>[0-9A-Za-z-]</c>, numeric prerelease identifiers without leading zeros. Build metadata is
/// validated and ignored for precedence. Comparing against text parses it from a span and never allocates.
/// </summary>
internal readonly struct SemanticVersion
{
    private SemanticVersion(ulong major, ulong minor, ulong patch, string prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    /// <summary>The prerelease identifiers (dot-separated), or empty for a release.</summary>
    public string Prerelease { get; }

    /// <summary>Parses a literal (allocates the prerelease string; for compile time).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SemanticVersion version)
    {
        if (!TryParse(text, out var major, out var minor, out var patch, out var prerelease))
        {
            version = default;
            return false;
        }

        version = new SemanticVersion(major, minor, patch, prerelease.IsEmpty ? string.Empty : prerelease.ToString());
        return true;
    }

    /// <summary>Parses text into its parts without allocating; <paramref name="prerelease"/> is a slice of <paramref name="text"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ulong major, out ulong minor, out ulong patch, out ReadOnlySpan<char> prerelease)
    {
        major = minor = patch = 0;
        prerelease = default;
        if (!text.IsEmpty && (text[0] == 'v' || text[0] == 'V'))
        {
            text = text[1..];
        }

        var plus = text.IndexOf('+');
        if (plus >= 0)
        {
            if (!AreValidIdentifiers(text[(plus + 1)..], checkLeadingZeros: false))
            {
                return false;
            }

            text = text[..plus];
        }

        var dash = text.IndexOf('-');
        if (dash >= 0)
        {
            prerelease = text[(dash + 1)..];
            if (!AreValidIdentifiers(prerelease, checkLeadingZeros: true))
            {
                return false;
            }

            text = text[..dash];
        }

        return TryReadNumber(ref text, out major, expectDot: true)
            && TryReadNumber(ref text, out minor, expectDot: true)
            && TryReadNumber(ref text, out patch, expectDot: false)
            && text.IsEmpty;
    }

    /// <summary>
    /// Reads the leading number of <paramref name="text"/> (after an optional <c>v</c>/<c>V</c>): the major version when
    /// the text is a valid version. Validates nothing else; false when there is no leading number or it overflows.
    /// </summary>
    public static bool TryReadMajor(ReadOnlySpan<char> text, out ulong major)
    {
        // Up to 19 digits cannot overflow a ulong; longer numbers are left to the full parse.
        const int MaxDigits = 19;
        major = 0;
        var start = !text.IsEmpty && (text[0] | 0x20) == 'v' ? 1 : 0;
        var end = Math.Min(text.Length, start + MaxDigits);
        ulong value = 0;
        var i = start;
        for (; i < end; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                break;
            }

            value = (value * 10) + digit;
        }

        major = value;
        return i > start && (i == text.Length || !char.IsAsciiDigit(text[i]));
    }

    /// <summary>Compares <paramref name="text"/> with this version by SemVer precedence; false when the text is not a version.</summary>
    public bool TryCompareText(ReadOnlySpan<char> text, out int comparison)
    {
        if (!TryParse(text, out var major, out var minor, out var patch, out var prerelease))
        {
            comparison = 0;
            return false;
        }

        comparison = Compare(major, minor, patch, prerelease, Major, Minor, Patch, Prerelease);
        return true;
    }

    /// <summary>SemVer 2.0.0 precedence (§11): numeric core, then a release above its prereleases, then identifier by identifier.</summary>
    public static int Compare(
        ulong leftMajor, ulong leftMinor, ulong leftPatch, ReadOnlySpan<char> leftPrerelease,
        ulong rightMajor, ulong rightMinor, ulong rightPatch, ReadOnlySpan<char> rightPrerelease)
    {
        var result = leftMajor.CompareTo(rightMajor);
        if (result == 0)
        {
            result = leftMinor.CompareTo(rightMinor);
        }

        if (result == 0)
        {
            result = leftPatch.CompareTo(rightPatch);
        }

        return result != 0 ? Math.Sign(result) : ComparePrerelease(leftPrerelease, rightPrerelease);
    }

    private static int ComparePrerelease(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.IsEmpty || right.IsEmpty)
        {
            // A release (no prerelease) has higher precedence than any of its prereleases.
            return left.IsEmpty == right.IsEmpty ? 0 : (left.IsEmpty ? 1 : -1);
        }

        while (true)
        {
            var leftDot = left.IndexOf('.');
            var rightDot = right.IndexOf('.');
            var result = CompareIdentifier(leftDot < 0 ? left : left[..leftDot], rightDot < 0 ? right : right[..rightDot]);
            if (result != 0)
            {
                return result;
            }

            if (leftDot < 0 || rightDot < 0)
            {
                // All shared identifiers are equal: the longer list has higher precedence.
                return leftDot < 0 == rightDot < 0 ? 0 : (leftDot < 0 ? -1 : 1);
            }

            left = left[(leftDot + 1)..];
            right = right[(rightDot + 1)..];
        }
    }

    private static int CompareIdentifier(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var leftNumeric = IsNumeric(left);
        var rightNumeric = IsNumeric(right);
        if (leftNumeric && rightNumeric)
        {
            // No leading zeros, so a longer numeral is larger; equal lengths compare digit by digit (any magnitude).
            return left.Length != right.Length ? (left.Length < right.Length ? -1 : 1) : Math.Sign(left.SequenceCompareTo(right));
        }

        if (leftNumeric != rightNumeric)
        {
            // Numeric identifiers have lower precedence than alphanumeric ones.
            return leftNumeric ? -1 : 1;
        }

        return Math.Sign(left.SequenceCompareTo(right));
    }

    private static bool IsNumeric(ReadOnlySpan<char> identifier)
    {
        foreach (var c in identifier)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AreValidIdentifiers(ReadOnlySpan<char> identifiers, bool checkLeadingZeros)
    {
        while (true)
        {
            var dot = identifiers.IndexOf('.');
            var identifier = dot < 0 ? identifiers : identifiers[..dot];
            if (identifier.IsEmpty)
            {
                return false;
            }

            foreach (var c in identifier)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            if (checkLeadingZeros && identifier.Length > 1 && identifier[0] == '0' && IsNumeric(identifier))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            identifiers = identifiers[(dot + 1)..];
        }
    }

    private static bool TryReadNumber(ref ReadOnlySpan<char> text, out ulong value, bool expectDot)
    {
        value = 0;
        var length = 0;
        while (length < text.Length && char.IsAsciiDigit(text[length]))
        {
            length++;
        }

        if (length == 0 || (length > 1 && text[0] == '0'))
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            var digit = (ulong)(text[i] - '0');
            if (value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        text = text[length..];
        if (expectDot)
        {
            if (text.IsEmpty || text[0] != '.')
            {
                return false;
            }

            text = text[1..];
        }

        return true;
    }
}
