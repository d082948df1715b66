using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>The key format shared by flags, segments and variants: 1 to 128 characters of <c>[A-Za-z0-9._-]</c>, starting with a letter or digit.</summary>
internal static class KeyFormat
{
    public const int MaxLength = 128;

    public const string Description = "1 to 128 characters from [A-Za-z0-9._-], starting with a letter or digit";

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || !char.IsAsciiLetterOrDigit(key[0]))
        {
            return false;
        }

        foreach (var c in key.AsSpan(1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
