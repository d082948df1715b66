using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Rollouts.Fleet;

/// <summary>One replica of a fleet as the others see it: whether it is live, and which version of each rollout it applied.</summary>
/// <param name="ReplicaId">The replica's id (fresh at every start).</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="IsLive">Whether it heartbeat within the fleet's replica timeout and has not stopped.</param>
/// <param name="HeartbeatAt">Its last heartbeat, by the database's clock.</param>
/// <param name="LastSyncedAt">When it last published the versions it applied, by the database's clock; <see langword="null"/> if never.</param>
/// <param name="AppliedVersions">The version of each rollout it serves, by rollout id.</param>
public sealed record FleetReplica(
    string ReplicaId,
    string Host,
    int ProcessId,
    bool IsLive,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset? LastSyncedAt,
    IReadOnlyDictionary<string, long> AppliedVersions);
