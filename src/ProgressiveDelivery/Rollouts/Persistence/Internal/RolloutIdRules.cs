using System;

namespace ProgressiveDelivery.Rollouts.Persistence.Internal;

/// <summary>
/// The rules for a rollout id: 1 to 128 characters from <c>[A-Za-z0-9._-]</c>, and neither <c>.</c> nor <c>..</c>.
/// An id is used verbatim as a file name by the file stores and as a path segment by admin endpoints, so the
/// two names with a special meaning in both are refused as well.
/// </summary>
internal static class RolloutIdRules
{
    public const int MaxLength = 128;

    public static bool IsValid(string? rolloutId)
    {
        if (string.IsNullOrEmpty(rolloutId) || rolloutId.Length > MaxLength || rolloutId is "." or "..")
        {
            return false;
        }

        foreach (var c in rolloutId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static void ThrowIfInvalid(string? rolloutId, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(rolloutId, parameterName);
        if (!IsValid(rolloutId))
        {
            throw new ArgumentException(
                $"The rollout id '{rolloutId}' is invalid: it must be 1 to {MaxLength} characters from [A-Za-z0-9._-] and neither '.' nor '..'.",
                parameterName);
        }
    }
}
