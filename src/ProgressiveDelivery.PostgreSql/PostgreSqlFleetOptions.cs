using System;

namespace ProgressiveDelivery.PostgreSql;

/// <summary>
/// How a replica takes part in a fleet on PostgreSQL: where the tables are, how long a decider's lease lasts, how often
/// it flushes observations and checks for new versions. Validated and copied when the fleet is created.
/// </summary>
public sealed class PostgreSqlFleetOptions
{
    /// <summary>The schema holding the tables (see <see cref="PostgreSqlStoreOptions.Schema"/>).</summary>
    /// <value>The default value is <c>progressive_delivery</c>.</value>
    public string Schema { get; set; } = PostgreSqlStoreOptions.DefaultSchema;

    /// <summary>
    /// How long a rollout's lease lasts without renewal, by the database's clock: a decider that stops renewing (crashed,
    /// partitioned, paused) is replaced after at most this long. Renewed every third of it.
    /// </summary>
    /// <value>The default value is 15 seconds. At least 1 second.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often this replica writes its cumulative observations (and at shutdown): a replica that dies loses at most this much data.</summary>
    /// <value>The default value is 5 seconds. At least 100 milliseconds.</value>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often this replica polls the stored versions (the safety net under the change notifications), heartbeats and
    /// publishes the versions it applied.
    /// </summary>
    /// <value>The default value is 1 second. At least 50 milliseconds.</value>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replica counts as live after its last heartbeat: the decider waits for live replicas to apply a new weight.</summary>
    /// <value>The default value is 10 seconds. More than <see cref="SyncInterval"/>.</value>
    public TimeSpan ReplicaTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long rows that no decision reads any more are kept before a replica deletes them (each replica checks about
    /// hourly): replicas silent that long (stopped or gone) with the versions they applied, observations of a rollout's
    /// earlier attempts flushed that long ago, and observations of rollouts no longer stored. The current attempt's
    /// observations and the audit log are never deleted.
    /// </summary>
    /// <value>The default value is 7 days. At least 1 hour, and longer than <see cref="ReplicaTimeout"/>.</value>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>This replica's id, or <see langword="null"/> for a fresh one at every start (host, process id and a random suffix).</summary>
    /// <value>The default value is <see langword="null"/>. 1 to 128 characters.</value>
    public string? ReplicaId { get; set; }
}
