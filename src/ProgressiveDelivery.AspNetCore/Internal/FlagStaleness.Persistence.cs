using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Keeping the clock in the rollout store: read at start, written when what a flag serves changes.</summary>
internal sealed partial class FlagStaleness
{
    /// <summary>How often the clock is re-read from the store without a change here (other replicas may have recorded one).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    private DateTimeOffset _lastPersisted = DateTimeOffset.MinValue;

    /// <summary>
    /// At start (after the rollouts are loaded): adopts what the store recorded for flags that still serve the same
    /// variant, and records the rest. Never throws but for cancellation: without the store the clock runs in memory.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_manager.GetRollout(FlagClockDocument.Id) is not null)
        {
            Log.FlagClockInMemory(_logger, $"a rollout is named '{FlagClockDocument.Id}'");
            return;
        }

        _persist = true; // PersistAsync reads the store, leaves a document that is not a clock alone, and logs a failure once
        await PersistAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the clock when what a flag serves changed since the last write (the driver calls this at each tick), and
    /// adopts the times the store recorded for the same variant; re-reads it every <see cref="RefreshInterval"/> even
    /// without a change here, so that every replica reports what the fleet recorded. Never throws but for cancellation: a
    /// failure (the store down, another replica's concurrent write) is tried again at the next call.
    /// </summary>
    public async Task PersistAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (!_persist || (!_dirty && now - _lastPersisted < RefreshInterval))
        {
            return;
        }

        await _persistGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _dirty = false;
            _lastPersisted = now;
            var document = await _store.GetAsync(FlagClockDocument.Id, cancellationToken).ConfigureAwait(false);
            Dictionary<string, FlagClockEntry> recorded;
            if (document is null)
            {
                recorded = new Dictionary<string, FlagClockEntry>(StringComparer.Ordinal);
            }
            else if (!FlagClockDocument.TryRead(document, out recorded))
            {
                _persist = false; // someone else's document appeared under the id: never overwrite it
                Log.FlagClockInMemory(_logger, $"the store's document '{FlagClockDocument.Id}' is not a flag clock, and is left as it is");
                return;
            }

            var merged = Merge(recorded, now);
            if (!SameEntries(merged, recorded))
            {
                await _store.SaveAsync(FlagClockDocument.Create(merged), document?.Version ?? 0, cancellationToken).ConfigureAwait(false);
            }

            if (_failing)
            {
                _failing = false;
                Log.FlagClockRecovered(_logger);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _dirty = true;
            if (exception is not RolloutConcurrencyException && !_failing)
            {
                _failing = true; // once per outage, not at every tick
                Log.FlagClockFailed(_logger, exception);
            }
        }
        finally
        {
            _persistGate.Release();
        }
    }

    /// <summary>
    /// The entries to store: one per flag this process serves to every unit with one variant. Where the store recorded
    /// the same variant, its time is adopted here; where it recorded another variant, what this process serves is
    /// recorded from now (in a fleet, some replica served the other variant until now). Both err toward "not yet stale".
    /// </summary>
    private Dictionary<string, FlagClockEntry> Merge(Dictionary<string, FlagClockEntry> recorded, DateTimeOffset now)
    {
        var merged = new Dictionary<string, FlagClockEntry>(StringComparer.Ordinal);
        foreach (var key in _evaluator.Snapshot.FlagKeys)
        {
            if (!_observed.TryGetValue(key, out var observed) || !observed.Single)
            {
                continue;
            }

            var since = observed.Since;
            if (recorded.TryGetValue(key, out var entry))
            {
                // The store's record is the fleet's: adopt it even when this process has served the variant for longer
                // (another replica may have served something else in between and recorded the change).
                since = string.Equals(entry.Variant, observed.Variant, StringComparison.Ordinal) ? entry.Since : now;
            }

            if (since != observed.Since)
            {
                _observed.TryUpdate(key, observed with { Since = since }, observed);
            }

            merged[key] = new FlagClockEntry(observed.Variant, since);
        }

        return merged;
    }

    private static bool SameEntries(Dictionary<string, FlagClockEntry> a, Dictionary<string, FlagClockEntry> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, entry) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != entry)
            {
                return false;
            }
        }

        return true;
    }
}
