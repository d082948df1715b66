using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Fleet;
using CheckoutCanary.Load;

namespace CheckoutCanary.Run;

/// <summary>
/// What a running scenario looks at: the app's rollout, the load, and in fleet mode every replica's admin endpoints;
/// it notes each replica seen holding the rollout's lease (the decider).
/// </summary>
internal sealed class Watch(Scenario scenario, CheckoutApp app, LoadGenerator load, InteractiveControls? controls, ReplicaSet? fleet, DateTimeOffset startedAt) : IDisposable
{
    private readonly ReplicaProbe? _probe = fleet is null ? null : new ReplicaProbe();
    private readonly List<LeaseHolding> _deciders = [];

    public InteractiveControls? Controls => controls;

    public IReadOnlyList<LeaseHolding> Deciders => _deciders;

    public async Task<DemoSnapshot> TakeAsync(CancellationToken cancellationToken)
    {
        var replicas = _probe is null ? null : await _probe.ReadAsync(fleet!.Members, cancellationToken);
        var elapsed = TimeProvider.System.GetUtcNow() - startedAt;
        var view = app.Rollouts.GetRollout(DemoSchedule.RolloutId)
            ?? throw new InvalidOperationException($"The app has no rollout '{DemoSchedule.RolloutId}': check appsettings.json.");
        var snapshot = DemoSnapshot.Take(scenario, elapsed, view, load, controls?.Notice, interactive: controls is not null, replicas);
        if (snapshot.Decider is { } decider && (_deciders.Count == 0 || _deciders[^1].ReplicaId != decider.ReplicaId))
        {
            _deciders.Add(new LeaseHolding(elapsed, decider.ReplicaId, decider.ProcessId));
        }

        return snapshot;
    }

    public void Dispose() => _probe?.Dispose();
}
