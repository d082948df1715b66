using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>A replica as the fleet sees it: its process, its last heartbeat, and the version of each rollout it serves.</summary>
/// <param name="ReplicaId">The replica (a fresh id per process start).</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="ProcessId">Its operating-system process id.</param>
/// <param name="StartedAt">When it registered, by the database's clock.</param>
/// <param name="HeartbeatAt">Its last heartbeat, by the database's clock.</param>
/// <param name="StoppedAt">When it shut down gracefully, or null.</param>
/// <param name="IsLive">Not stopped, and a heartbeat within the window asked for, by the database's clock.</param>
/// <param name="AppliedVersions">Per rollout id, the version it applied and when it last synced.</param>
internal sealed record ReplicaStatus(
    string ReplicaId,
    string Host,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset? StoppedAt,
    bool IsLive,
    IReadOnlyDictionary<string, AppliedVersion> AppliedVersions);
