using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts.Fleet;

/// <summary>
/// Three replicas (each a <see cref="RolloutHarness"/>: its own evaluator and manager, the same units) on one
/// in-memory fleet and one clock. A minute: every replica serves traffic, the clock moves, every replica flushes, the
/// replicas tick (only the lease holder decides), then every replica syncs and reports what it applied.
/// </summary>
internal sealed class FleetHarness
{
    /// <param name="replicas">How many replicas.</param>
    /// <param name="seed">Seeds the replicas' traffic.</param>
    /// <param name="unitPrefix">The units' ids start with it (another prefix, other buckets).</param>
    public FleetHarness(int replicas = 3, int seed = 100, string unitPrefix = "user-")
    {
        Clock = new FakeTimeProvider();
        Shared = new SharedFleet(new InMemoryRolloutStore(Clock), new InMemoryAuditLog(Clock));
        for (var i = 0; i < replicas; i++)
        {
            var fleet = new InMemoryFleet(Shared, "replica-" + i);
            Fleets.Add(fleet);
            Replicas.Add(new RolloutHarness(Shared.Store, Shared.AuditLog, Clock, seed: seed + i, fleet: fleet, unitPrefix: unitPrefix));
        }
    }

    public FakeTimeProvider Clock { get; }

    public SharedFleet Shared { get; }

    public List<InMemoryFleet> Fleets { get; } = [];

    public List<RolloutHarness> Replicas { get; } = [];

    public async Task LoadAsync(RolloutPlan plan)
    {
        foreach (var replica in Replicas)
        {
            await replica.LoadAsync(RolloutHarness.CreateDefinition(plan));
        }

        await SyncAllAsync();
    }

    public void Lead(int replica)
    {
        Shared.GiveLease(RolloutHarness.RolloutId, Fleets[replica].ReplicaId);
        Fleets[replica].RefreshLeases([RolloutHarness.RolloutId]);
    }

    public void RefreshLeases()
    {
        foreach (var fleet in Fleets)
        {
            fleet.RefreshLeases([RolloutHarness.RolloutId]);
        }
    }

    public async Task<List<RolloutTickReport>> RunMinuteAsync(int requestsPerReplica = 700)
    {
        foreach (var replica in Replicas)
        {
            replica.ServeTraffic(requestsPerReplica);
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        FlushAll();
        var reports = new List<RolloutTickReport>();
        foreach (var replica in Replicas)
        {
            reports.Add(await replica.Manager.TickAsync());
        }

        await SyncAllAsync();
        return reports;
    }

    public void FlushAll()
    {
        for (var i = 0; i < Replicas.Count; i++)
        {
            Fleets[i].Flush(Replicas[i].Manager);
        }
    }

    public async Task SyncAllAsync()
    {
        for (var i = 0; i < Replicas.Count; i++)
        {
            await Replicas[i].Manager.SyncAsync();
            Fleets[i].ReportApplied(Replicas[i].Manager);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync() => await Shared.AuditLog.ReadAsync(RolloutHarness.RolloutId);
}
