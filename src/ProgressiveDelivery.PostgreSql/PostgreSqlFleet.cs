using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.PostgreSql;

/// <summary>
/// Fleet mode on PostgreSQL: the replicas of an application that share one database run every rollout as one. Each
/// rollout has a lease row timed by the database's clock whose holder decides it, with an epoch that grows at every
/// change of holder and is checked in the same transaction as every decision it writes (fencing); every replica flushes
/// its observations per step, applies each new version on a change notification (polling as the safety net, a full
/// re-read after reconnecting) and publishes the version it applied.
/// </summary>
/// <remarks>
/// Give it to <see cref="Rollouts.RolloutManagerOptions.Fleet"/> with a <see cref="PostgreSqlRolloutStore"/> on the same
/// database and schema, then call <see cref="RunAsync"/> with the manager for the life of the process (the
/// <c>AddProgressiveDeliveryPostgreSql</c> registration does all of it). The request path never touches the database.
/// </remarks>
public sealed partial class PostgreSqlFleet : RolloutFleet
{
    private readonly PostgreSqlDatabase _database;
    private readonly FleetSettings _settings;
    private readonly RolloutCommitter _committer;
    private readonly LeaseTable _leases;
    private readonly ObservationTable _observations;
    private readonly ReplicaTable _replicas;
    private readonly VersionPoll _poll;
    private readonly ConcurrentDictionary<string, LeaseToken> _held = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<ReplicaStatus> _replicaStatuses = [];
    private long _lastSyncedTicks; // UTC ticks; 0 before the first sync (a long: read and written atomically)

    /// <summary>Creates this replica's membership of the fleet; call <see cref="RunAsync"/> to take part.</summary>
    /// <param name="dataSource">The database (the caller owns it). Do not use multiplexing or a transaction-pooling proxy.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names each.</exception>
    public PostgreSqlFleet(NpgsqlDataSource dataSource, PostgreSqlFleetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgreSqlFleetOptions();
        _settings = FleetSettings.From(options, nameof(options));
        _database = new PostgreSqlDatabase(dataSource, PostgreSqlSettings.From(new PostgreSqlStoreOptions { Schema = options.Schema }, nameof(options)));
        _committer = new RolloutCommitter(_database);
        _leases = new LeaseTable(_database);
        _observations = new ObservationTable(_database);
        _replicas = new ReplicaTable(_database);
        _poll = new VersionPoll(_database);
    }

    /// <inheritdoc/>
    public override string ReplicaId => _settings.ReplicaId;

    /// <inheritdoc/>
    public override DateTimeOffset? LastSyncedAt => Interlocked.Read(ref _lastSyncedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> LeasesHeld => [.. _held.Keys];

    /// <inheritdoc/>
    public override IReadOnlyList<FleetReplica> GetReplicas()
    {
        var replicas = new List<FleetReplica>();
        foreach (var status in _replicaStatuses)
        {
            var applied = new Dictionary<string, long>(StringComparer.Ordinal);
            DateTimeOffset? synced = null;
            foreach (var (rollout, version) in status.AppliedVersions)
            {
                applied[rollout] = version.Version;
                synced = synced is null || version.SyncedAt > synced ? version.SyncedAt : synced;
            }

            replicas.Add(new FleetReplica(status.ReplicaId, status.Host, status.ProcessId, status.IsLive, status.HeartbeatAt, synced, applied));
        }

        return replicas;
    }

    /// <inheritdoc/>
    protected override bool IsLeaderCore(string rolloutId) => _held.ContainsKey(rolloutId);

    /// <inheritdoc/>
    protected override bool HaveReplicasAppliedCore(string rolloutId, long version)
    {
        foreach (var replica in _replicaStatuses)
        {
            if (!replica.IsLive || string.Equals(replica.ReplicaId, ReplicaId, StringComparison.Ordinal))
            {
                continue;
            }

            if (!replica.AppliedVersions.TryGetValue(rolloutId, out var applied) || applied.Version < version)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    protected override async Task<RolloutDocument> CommitCoreAsync(RolloutDocument document, long expectedVersion, AuditEvent? auditEvent, bool asLeader, CancellationToken cancellationToken)
    {
        LeaseToken? fence = null;
        if (asLeader && !_held.TryGetValue(document.RolloutId, out fence))
        {
            throw new RolloutLeaseLostException($"Replica '{ReplicaId}' does not hold the lease of rollout '{document.RolloutId}'.");
        }

        try
        {
            var (stored, _) = await _committer.CommitAsync(document, expectedVersion, auditEvent, fence, cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (LeaseLostException exception)
        {
            // Deposed while it thought it led (paused past its lease, partitioned): the write was fenced off; follow.
            _held.TryRemove(document.RolloutId, out _);
            throw new RolloutLeaseLostException(
                $"Replica '{ReplicaId}' lost the lease of rollout '{document.RolloutId}' (epoch {fence!.Epoch}); its write was rejected and it continues as a follower.",
                exception);
        }
    }

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<ReplicaObservations>> ReadObservationsCoreAsync(string rolloutId, int attempt, CancellationToken cancellationToken)
    {
        var stored = await _observations.ReadAsync(rolloutId, attempt, cancellationToken).ConfigureAwait(false);
        var rows = new List<ReplicaObservations>(stored.Count);
        foreach (var row in stored)
        {
            rows.Add(row.Row);
        }

        return rows;
    }
}
