using System;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The state of the definitions the health check reports (immutable, swapped whole): whether they failed to load at
/// start (the app then runs without flags) and the last rejected reload since the last good load, with when and why.
/// </summary>
internal sealed record DefinitionsHealth(DateTimeOffset? FailedAt, string? StartFailure, DateTimeOffset? RejectedAt, string? Rejection)
{
    /// <summary>Loaded, and no reload rejected since.</summary>
    public static DefinitionsHealth Loaded { get; } = new(null, null, null, null);

    public static DefinitionsHealth FailedAtStart(DateTimeOffset at, string errors) => new(at, errors, null, null);

    /// <summary>The sources are the ones in force again (a rejected edit was reverted): the rejection is gone; a failure at start stays (nothing good has loaded since).</summary>
    public DefinitionsHealth Reverted() => StartFailure is null ? Loaded : this with { RejectedAt = null, Rejection = null };

    /// <summary>A reload was rejected; a failure at start stays (nothing good has loaded since).</summary>
    public DefinitionsHealth Rejected(DateTimeOffset at, string errors) => this with { RejectedAt = at, Rejection = errors };
}
