using System;
using System.Globalization;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>A flag change was saved against a version that is no longer the stored one; nothing was written.</summary>
internal sealed class FlagChangeConcurrencyException(string flagKey, long expectedVersion, long actualVersion)
    : Exception(string.Create(
        CultureInfo.InvariantCulture,
        $"The change of flag '{flagKey}' was expected at version {expectedVersion}, but it is at version {actualVersion}: nothing was written."))
{
    public string FlagKey { get; } = flagKey;

    public long ExpectedVersion { get; } = expectedVersion;

    public long ActualVersion { get; } = actualVersion;
}
