using System;
using Microsoft.Extensions.Logging;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>The fleet's log messages.</summary>
internal static partial class FleetLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Fleet {Loop} failed; retrying (the replica keeps serving the weights it applied).")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Replica '{ReplicaId}' lost the lease of rollout '{RolloutId}' (epoch {Epoch}): another replica holds it; continuing as a follower.")]
    public static partial void LeaseLost(ILogger logger, string replicaId, string rolloutId, long epoch);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Deleted what is past the retention period ({Retention}): {Replicas} silent replicas, {Rows} observation rows no decision reads.")]
    public static partial void RetentionApplied(ILogger logger, TimeSpan retention, int replicas, int rows);
}
