using System;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>The version of a rollout a replica serves, and when it last confirmed it (database clock).</summary>
internal readonly record struct AppliedVersion(long Version, DateTimeOffset SyncedAt);
