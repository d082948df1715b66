using System;
using System.Globalization;

namespace ProgressiveDelivery.Rollouts.Persistence;

/// <summary>
/// Thrown when a write expected a version of a rollout that is no longer (or not yet) the stored one: another writer
/// won. Nothing was changed; re-read the rollout and decide again (see <see cref="RolloutStoreExtensions.UpdateAsync"/>).
/// </summary>
public sealed class RolloutConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="rolloutId">The rollout written.</param>
    /// <param name="expectedVersion">The version the writer expected; 0 meant "create, must not exist".</param>
    /// <param name="actualVersion">The version found; 0 means the rollout does not exist.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> is <see langword="null"/>.</exception>
    public RolloutConcurrencyException(string rolloutId, long expectedVersion, long actualVersion)
        : base(FormatMessage(rolloutId ?? throw new ArgumentNullException(nameof(rolloutId)), expectedVersion, actualVersion))
    {
        RolloutId = rolloutId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The rollout written.</summary>
    public string RolloutId { get; }

    /// <summary>The version the writer expected; 0 meant "create, must not exist".</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version found; 0 means the rollout does not exist.</summary>
    public long ActualVersion { get; }

    private static string FormatMessage(string rolloutId, long expectedVersion, long actualVersion)
    {
        var expected = expectedVersion == 0 ? "to create it" : string.Create(CultureInfo.InvariantCulture, $"version {expectedVersion}");
        var actual = actualVersion == 0 ? "it does not exist" : string.Create(CultureInfo.InvariantCulture, $"version {actualVersion} is stored");
        return $"The rollout '{rolloutId}' was changed by another writer: expected {expected}, but {actual}. Nothing was written.";
    }
}
