using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The hosted background driver of the rollouts: loads them into the <see cref="RolloutManager"/> at start (before the
/// server listens, so a failure fails start-up), loads each valid reload of the definitions, and ticks every rollout
/// every <see cref="ProgressiveDeliveryOptions.RolloutTickInterval"/> on a <see cref="PeriodicTimer"/> driven by the
/// application's <see cref="TimeProvider"/>. A rollout that fails is logged from the tick report; a tick that throws is
/// logged; neither stops the driver. Shutdown cancels the wait (and a tick in progress).
/// </summary>
internal sealed class RolloutDriver : BackgroundService
{
    private readonly RolloutManager _manager;
    private readonly FlagStaleness _staleness;
    private readonly ProgressiveDeliveryRegistration _registration;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private PeriodicTimer? _timer;

    public RolloutDriver(
        RolloutManager manager,
        ProgressiveDeliveryRegistration registration,
        RolloutGauges gauges,
        FlagStaleness staleness,
        TimeProvider timeProvider,
        IOptions<ProgressiveDeliveryOptions> options,
        ILogger<RolloutDriver> logger)
    {
        _ = gauges; // created with the driver so the gauges exist whenever the rollouts run
        _manager = manager;
        _staleness = staleness; // created at start, so a flag's "served one variant since" counts from start at the latest
        _registration = registration; // its loader exists once the manager's evaluator does, if the evaluator is ours
        _timeProvider = timeProvider;
        _logger = logger;
        _interval = options.Value.RolloutTickInterval;
    }

    /// <summary>Completed ticks (successful or not), for tests.</summary>
    internal long TickCount => Interlocked.Read(ref _tickCount);

    private long _tickCount;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var loader = _registration.Loader;
        if (loader?.Rollouts is { } rollouts)
        {
            var errors = await _manager.LoadAsync(rollouts, cancellationToken).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                throw new DefinitionException(errors);
            }

            Log.RolloutsLoaded(_logger, rollouts.Rollouts.Count);
            foreach (var view in _manager.GetRollouts())
            {
                if (view.Notice is { } notice)
                {
                    Log.RolloutNotice(_logger, notice);
                }
            }
        }

        if (loader is not null)
        {
            loader.RolloutsChanged += OnRolloutsChanged;
        }

        await _staleness.LoadAsync(cancellationToken).ConfigureAwait(false);
        WarnOfStaleFlags();

        _timer = new PeriodicTimer(_interval, _timeProvider); // here, not in ExecuteAsync (which may start later on the thread pool): time counts from start
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_registration.Loader is { } loader)
        {
            loader.RolloutsChanged -= OnRolloutsChanged;
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        _loadGate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TickOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutdown
        }
    }

    /// <summary>Ticks every rollout once, logging failures, then writes the clock of stale flags if it changed; never throws but for cancellation.</summary>
    internal async Task TickOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await _manager.TickAsync(cancellationToken).ConfigureAwait(false);
            foreach (var failure in report.Failures)
            {
                Log.RolloutTickFailed(_logger, failure.RolloutId, failure.Exception);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TickFailed(_logger, exception);
        }

        try
        {
            await _staleness.PersistAsync(cancellationToken).ConfigureAwait(false); // writes only on a change; re-reads every 5 minutes
        }
        finally
        {
            Interlocked.Increment(ref _tickCount);
        }
    }

    /// <summary>One warning per stale flag at start (after the rollouts are loaded: their end times count).</summary>
    private void WarnOfStaleFlags()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var entry in _staleness.Assess())
        {
            if (entry.Stale)
            {
                Log.StaleFlag(_logger, entry.FlagKey, FlagStalenessText.Why(entry, now, _staleness.SingleVariantStaleAfter));
            }
        }
    }

    private void OnRolloutsChanged(RolloutSet rollouts) => _ = LoadReloadedAsync(rollouts);

    private async Task LoadReloadedAsync(RolloutSet rollouts)
    {
        await _loadGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var errors = await _manager.LoadAsync(rollouts).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                Log.RolloutsRejected(_logger, new DefinitionException(errors).Message);
            }
            else
            {
                Log.RolloutsLoaded(_logger, rollouts.Rollouts.Count);
            }
        }
        catch (Exception exception)
        {
            Log.RolloutsLoadFailed(_logger, exception);
        }
        finally
        {
            _loadGate.Release();
        }
    }
}
