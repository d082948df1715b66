using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Tests.Rollouts.Fleet;

/// <summary>What the replicas of an in-memory fleet share: the store, the audit log, the leases, the observation rows, the applied versions.</summary>
internal sealed class SharedFleet(RolloutStore store, AuditLog auditLog)
{
    private readonly SemaphoreSlim _commits = new(1, 1);

    public RolloutStore Store { get; } = store;

    public AuditLog AuditLog { get; } = auditLog;

    /// <summary>The lease of every rollout: holder and epoch.</summary>
    public Dictionary<string, (string Holder, long Epoch)> Leases { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Rollout, int Attempt, int Step, string Replica), ReplicaObservations> Rows { get; } = [];

    public Dictionary<(string Replica, string Rollout), long> Applied { get; } = [];

    public int RowWrites { get; set; }

    public void GiveLease(string rolloutId, string holder)
    {
        lock (Leases)
        {
            var epoch = Leases.TryGetValue(rolloutId, out var lease) ? lease.Epoch : 0;
            Leases[rolloutId] = (holder, epoch + 1);
        }
    }

    public (string Holder, long Epoch)? GetLease(string rolloutId)
    {
        lock (Leases)
        {
            return Leases.TryGetValue(rolloutId, out var lease) ? lease : null;
        }
    }

    /// <summary>Writes rows, each only over an older sequence of the same key (as the PostgreSQL upsert does).</summary>
    public void Upsert(IEnumerable<ReplicaObservations> rows)
    {
        lock (Rows)
        {
            foreach (var row in rows)
            {
                var key = (row.RolloutId, row.Attempt, row.Step, row.ReplicaId);
                if (!Rows.TryGetValue(key, out var stored) || stored.Sequence < row.Sequence)
                {
                    Rows[key] = row;
                    RowWrites++;
                }
            }
        }
    }

    /// <summary>One commit at a time, so the version check, the audit append and the save act as one transaction.</summary>
    public async Task<RolloutDocument> CommitAsync(RolloutDocument document, long expectedVersion, AuditEvent? auditEvent, Func<bool> fence, CancellationToken cancellationToken)
    {
        await _commits.WaitAsync(cancellationToken);
        try
        {
            if (!fence())
            {
                throw new RolloutLeaseLostException($"The lease of '{document.RolloutId}' is another replica's.");
            }

            var current = await Store.GetAsync(document.RolloutId, cancellationToken);
            if ((current?.Version ?? 0) != expectedVersion)
            {
                throw new RolloutConcurrencyException(document.RolloutId, expectedVersion, current?.Version ?? 0);
            }

            var head = document.AuditHead;
            if (auditEvent is not null)
            {
                head = (await AuditLog.AppendAsync(auditEvent, cancellationToken)).Head;
            }

            return await Store.SaveAsync(document.WithState(document.State, head), expectedVersion, cancellationToken);
        }
        finally
        {
            _commits.Release();
        }
    }
}

/// <summary>One replica's view of a <see cref="SharedFleet"/>: it believes it leads what it was told it leads, until told otherwise.</summary>
internal sealed class InMemoryFleet(SharedFleet shared, string replicaId) : RolloutFleet
{
    private readonly Dictionary<string, long> _believed = new(StringComparer.Ordinal);
    private long _sequence;

    public override string ReplicaId => replicaId;

    public SharedFleet Shared => shared;

    /// <summary>Reads the leases, as a lease loop would: this replica believes what the shared state says now.</summary>
    public void RefreshLeases(IEnumerable<string> rolloutIds)
    {
        foreach (var id in rolloutIds)
        {
            if (shared.GetLease(id) is { } lease && lease.Holder == replicaId)
            {
                _believed[id] = lease.Epoch;
            }
            else
            {
                _believed.Remove(id);
            }
        }
    }

    /// <summary>Writes this replica's observations and reports what it applied, as the fleet's flush loop does.</summary>
    public void Flush(RolloutManager manager)
    {
        var rows = manager.CollectObservations(++_sequence);
        shared.Upsert(rows);
        manager.ReleaseObservations(rows);
        ReportApplied(manager);
    }

    public void ReportApplied(RolloutManager manager)
    {
        lock (shared.Applied)
        {
            foreach (var (id, version) in manager.GetAppliedVersions())
            {
                shared.Applied[(replicaId, id)] = version;
            }
        }
    }

    protected override bool IsLeaderCore(string rolloutId) => _believed.ContainsKey(rolloutId);

    protected override bool HaveReplicasAppliedCore(string rolloutId, long version)
    {
        lock (shared.Applied)
        {
            return shared.Applied.Where(pair => pair.Key.Rollout == rolloutId && pair.Key.Replica != replicaId).All(pair => pair.Value >= version);
        }
    }

    protected override Task<RolloutDocument> CommitCoreAsync(RolloutDocument document, long expectedVersion, AuditEvent? auditEvent, bool asLeader, CancellationToken cancellationToken) =>
        shared.CommitAsync(document, expectedVersion, auditEvent, () => !asLeader || (_believed.TryGetValue(document.RolloutId, out var epoch) && shared.GetLease(document.RolloutId) == (replicaId, epoch)), cancellationToken);

    protected override Task<IReadOnlyList<ReplicaObservations>> ReadObservationsCoreAsync(string rolloutId, int attempt, CancellationToken cancellationToken)
    {
        lock (shared.Rows)
        {
            IReadOnlyList<ReplicaObservations> rows = shared.Rows.Values.Where(row => row.RolloutId == rolloutId && row.Attempt == attempt).ToList();
            return Task.FromResult(rows);
        }
    }
}
