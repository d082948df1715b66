using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.Rollouts;

namespace ProgressiveDelivery.PostgreSql;

/// <summary>The replica's loops: leases, flushes, sync (notifications, polling, heartbeats).</summary>
public sealed partial class PostgreSqlFleet
{
    private readonly SemaphoreSlim _syncSignal = new(0, int.MaxValue);
    private readonly SemaphoreSlim _leaseSignal = new(0, int.MaxValue);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _renewedAt = new(StringComparer.Ordinal);
    private long _flushSequence;

    /// <summary>
    /// Takes part in the fleet until <paramref name="cancellationToken"/> is cancelled: registers this replica, acquires
    /// and renews the leases of the manager's rollouts, flushes the manager's observations every
    /// <see cref="PostgreSqlFleetOptions.FlushInterval"/>, applies new versions as they are announced (and polls every
    /// <see cref="PostgreSqlFleetOptions.SyncInterval"/>), publishes what it applied. On cancellation it flushes once
    /// more, resigns its leases (another replica takes over at once) and marks itself stopped. A database that cannot be
    /// reached is retried; nothing here throws but cancellation of the start.
    /// </summary>
    /// <param name="manager">The manager in fleet mode with this fleet.</param>
    /// <param name="logger">Where failures are logged; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops taking part.</param>
    /// <returns>A task that completes once the replica has left the fleet.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="manager"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="manager"/> is not in fleet mode.</exception>
    public async Task RunAsync(RolloutManager manager, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (!manager.IsFleet)
        {
            throw new ArgumentException("The manager is not in fleet mode: create it with RolloutManagerOptions.Fleet set to this fleet.", nameof(manager));
        }

        logger ??= NullLogger.Instance;
        await using var listener = new ChangeListener(_database);
        var loops = new[]
        {
            RunLoopAsync("lease", _settings.LeaseDuration / 15, _leaseSignal, token => RunLeasesAsync(manager, logger, token), logger, cancellationToken),
            RunLoopAsync("flush", _settings.FlushInterval, null, token => FlushAsync(manager, token), logger, cancellationToken),
            RunLoopAsync("sync", _settings.SyncInterval, _syncSignal, token => SyncAsync(manager, token), logger, cancellationToken),
            RunLoopAsync("retention", _settings.RetentionInterval, null, token => ApplyRetentionAsync(manager, logger, token), logger, cancellationToken),
            ListenAsync(listener, manager, logger, cancellationToken),
        };
        await Task.WhenAll(loops).ConfigureAwait(false);
        await LeaveAsync(manager, logger).ConfigureAwait(false);
    }

    private static async Task RunLoopAsync(string name, TimeSpan interval, SemaphoreSlim? signal, Func<CancellationToken, Task> body, ILogger logger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await body(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                FleetLog.LoopFailed(logger, name, exception);
            }

            try
            {
                if (signal is null)
                {
                    await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await signal.WaitAsync(interval, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Acquires the lease of every rollout nobody holds, renews the held ones every third of their duration.</summary>
    private async Task RunLeasesAsync(RolloutManager manager, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var id in manager.RolloutIds)
        {
            var name = LeaseName(id);
            if (_held.TryGetValue(id, out var token))
            {
                if (NeedsRenewal(id))
                {
                    var renewed = await _leases.RenewAsync(token, _settings.LeaseDuration, cancellationToken).ConfigureAwait(false);
                    if (renewed is null)
                    {
                        // Another replica took it (this one was paused or cut off past its lease): follow. A write it
                        // attempts meanwhile is fenced off by the database.
                        _held.TryRemove(id, out _);
                        FleetLog.LeaseLost(logger, ReplicaId, id, token.Epoch);
                    }
                    else
                    {
                        _held[id] = renewed;
                        _renewedAt[id] = Environment.TickCount64;
                    }
                }

                continue;
            }

            var acquired = await _leases.TryAcquireAsync(name, ReplicaId, _settings.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (acquired is not null)
            {
                // Decide on the latest stored state (judge included): the previous decider may have written since this replica synced.
                await manager.SyncAsync(id, cancellationToken).ConfigureAwait(false);
                _held[id] = acquired;
                _renewedAt[id] = Environment.TickCount64;
            }
        }
    }

    /// <summary>Renewed every third of the lease, measured on this process's monotonic clock (the lease itself runs on the database's).</summary>
    private bool NeedsRenewal(string rolloutId) =>
        !_renewedAt.TryGetValue(rolloutId, out var at) || Environment.TickCount64 - at >= (long)(_settings.LeaseDuration.TotalMilliseconds / 3);

    /// <summary>
    /// Deletes what is past <see cref="PostgreSqlFleetOptions.RetentionPeriod"/>: silent replicas, and observations of
    /// earlier attempts (by this replica's view of each rollout's attempt, which is never ahead of the stored one) and of
    /// rollouts no longer stored. Idempotent, so every replica may run it.
    /// </summary>
    internal async Task ApplyRetentionAsync(RolloutManager manager, ILogger logger, CancellationToken cancellationToken)
    {
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var view in manager.GetRollouts())
        {
            attempts[view.RolloutId] = view.State.Attempt;
        }

        var replicas = await _replicas.DeleteSilentAsync(_settings.RetentionPeriod, cancellationToken).ConfigureAwait(false);
        var rows = await _observations.DeleteUnreadAsync(attempts, _settings.RetentionPeriod, cancellationToken).ConfigureAwait(false);
        if (replicas + rows > 0)
        {
            FleetLog.RetentionApplied(logger, _settings.RetentionPeriod, replicas, rows);
        }
    }

    /// <summary>Writes this replica's observations; what was written is released from memory.</summary>
    private async Task FlushAsync(RolloutManager manager, CancellationToken cancellationToken)
    {
        var rows = manager.CollectObservations(Interlocked.Increment(ref _flushSequence));
        if (rows.Count == 0)
        {
            return;
        }

        await _observations.UpsertAsync(rows, cancellationToken).ConfigureAwait(false);
        manager.ReleaseObservations(rows);
    }

    /// <summary>Polls the stored versions, applies what changed, heartbeats, publishes what it applied and reads the replicas.</summary>
    private async Task SyncAsync(RolloutManager manager, CancellationToken cancellationToken)
    {
        var snapshot = await _poll.ReadAsync(cancellationToken).ConfigureAwait(false);
        var applied = manager.GetAppliedVersions();
        foreach (var (id, version) in applied)
        {
            if (snapshot.Rollouts.TryGetValue(id, out var stored) && stored != version)
            {
                await manager.SyncAsync(id, cancellationToken).ConfigureAwait(false);
            }
        }

        await PublishAsync(manager, cancellationToken).ConfigureAwait(false);
        _replicaStatuses = await _replicas.ReadAllAsync(_settings.ReplicaTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishAsync(RolloutManager manager, CancellationToken cancellationToken)
    {
        if (!await _replicas.HeartbeatAsync(ReplicaId, cancellationToken).ConfigureAwait(false))
        {
            await _replicas.RegisterAsync(ReplicaId, Environment.MachineName, Environment.ProcessId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (id, version) in manager.GetAppliedVersions())
        {
            if (version > 0)
            {
                await _replicas.SetAppliedVersionAsync(ReplicaId, id, version, cancellationToken).ConfigureAwait(false);
            }
        }

        Interlocked.Exchange(ref _lastSyncedTicks, TimeProvider.System.GetUtcNow().UtcTicks);
    }

    /// <summary>Applies each announced version at once; after a reconnect (notifications may have been lost) re-reads everything.</summary>
    private async Task ListenAsync(ChangeListener listener, RolloutManager manager, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            _ = listener.StartAsync(cancellationToken);
            await foreach (var signal in listener.Signals.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await OnSignalAsync(signal, manager, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    FleetLog.LoopFailed(logger, "listen", exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // leaving
        }
    }

    private async Task OnSignalAsync(ChangeSignal signal, RolloutManager manager, CancellationToken cancellationToken)
    {
        if (signal.IsReconnected)
        {
            await manager.SyncAsync(null, cancellationToken).ConfigureAwait(false);
            _syncSignal.Release();
            return;
        }

        var notification = signal.Notification!;
        switch (notification.Kind)
        {
            case ChangeNotification.RolloutKind:
                var applied = manager.GetAppliedVersions();
                if (applied.TryGetValue(notification.Key, out var version) && version != notification.Version)
                {
                    if (await manager.SyncAsync(notification.Key, cancellationToken).ConfigureAwait(false) > 0)
                    {
                        await _replicas.SetAppliedVersionAsync(ReplicaId, notification.Key, manager.GetAppliedVersions()[notification.Key], cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
            case ChangeNotification.LeaseKind:
                _leaseSignal.Release(); // a lease was resigned: try to take it now
                break;
            default:
                _syncSignal.Release();
                break;
        }
    }

    /// <summary>Flushes once more, hands the leases over and marks this replica stopped; best effort.</summary>
    private async Task LeaveAsync(RolloutManager manager, ILogger logger)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await FlushAsync(manager, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            FleetLog.LoopFailed(logger, "final flush", exception);
        }

        foreach (var (id, token) in _held)
        {
            try
            {
                await _leases.ResignAsync(token, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                FleetLog.LoopFailed(logger, "resign", exception);
            }

            _held.TryRemove(id, out _);
        }

        try
        {
            await _replicas.MarkStoppedAsync(ReplicaId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            FleetLog.LoopFailed(logger, "stop", exception);
        }
    }

    private static string LeaseName(string rolloutId) => "rollout:" + rolloutId;
}
