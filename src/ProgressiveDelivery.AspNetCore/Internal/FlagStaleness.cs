using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Which flags are stale, i.e. ready to be removed from the code: past their <c>expires</c> date, or serving one variant
/// to every unit for <see cref="ProgressiveDeliveryOptions.SingleVariantStaleAfter"/>. Whether a flag serves one
/// variant is read from what is served now (<see cref="FlagSnapshot.TryGetSingleVariant"/>: definitions and rollout
/// weights). Since when: for a flag whose rollout ended, <see cref="RolloutState.EndedAt"/>; for any other, the clock
/// this class keeps in the <see cref="RolloutStore"/> (<see cref="FlagClockDocument"/>), so that restarts and every
/// replica of a fleet share it. The clock starts when a flag is first seen serving one variant (by any process sharing
/// the store); a change of what it serves restarts it, and a replica that finds another variant recorded records its
/// own from now, so the report errs toward "not stale yet", never calling a flag that changed recently stale.
/// </summary>
internal sealed partial class FlagStaleness : IDisposable
{
    private readonly FlagEvaluator _evaluator;
    private readonly ProgressiveDeliveryRegistration _registration;
    private readonly RolloutManager _manager;
    private readonly RolloutStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Observed> _observed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _persistGate = new(1, 1);
    private volatile bool _dirty = true;
    private bool _persist;
    private bool _failing;

    public FlagStaleness(
        FlagEvaluator evaluator,
        ProgressiveDeliveryRegistration registration,
        RolloutManager manager,
        RolloutStore store,
        TimeProvider timeProvider,
        IOptions<ProgressiveDeliveryOptions> options,
        ILogger<FlagStaleness> logger)
    {
        _evaluator = evaluator;
        _registration = registration;
        _manager = manager;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        SingleVariantStaleAfter = options.Value.SingleVariantStaleAfter;
        evaluator.SnapshotChanged += OnSnapshotChanged; // every snapshot installed from now on, then the one in force
        Observe(evaluator.Snapshot, timeProvider.GetUtcNow());
    }

    /// <summary>How long serving one variant makes a flag stale.</summary>
    public TimeSpan SingleVariantStaleAfter { get; }

    /// <summary>Every flag served now, in key order, with what makes it stale or not.</summary>
    public IReadOnlyList<FlagStalenessEntry> Assess()
    {
        var now = _timeProvider.GetUtcNow();
        var snapshot = _evaluator.Snapshot;

        var expiries = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var definition in _registration.Loader?.Definitions?.Flags ?? (IList<FlagDefinition>)Array.Empty<FlagDefinition>())
        {
            if (definition.Expires is { } expires)
            {
                expiries[definition.Key] = expires;
            }
        }

        var rollouts = new Dictionary<string, RolloutView>(StringComparer.Ordinal);
        foreach (var view in _manager.GetRollouts())
        {
            rollouts[view.FlagKey] = view;
        }

        var keys = new List<string>(snapshot.FlagKeys);
        keys.Sort(StringComparer.Ordinal);
        var entries = new List<FlagStalenessEntry>(keys.Count);
        foreach (var key in keys)
        {
            entries.Add(AssessFlag(key, snapshot, now, expiries, rollouts));
        }

        return entries;
    }

    public void Dispose()
    {
        _evaluator.SnapshotChanged -= OnSnapshotChanged;
        _persistGate.Dispose();
    }

    private FlagStalenessEntry AssessFlag(
        string key, FlagSnapshot snapshot, DateTimeOffset now, Dictionary<string, DateTimeOffset> expiries, Dictionary<string, RolloutView> rollouts)
    {
        DateTimeOffset? expires = expiries.TryGetValue(key, out var date) ? date : null;
        var expired = expires <= now;
        rollouts.TryGetValue(key, out var rollout);
        if (!snapshot.TryGetSingleVariant(key, out var variant))
        {
            return new FlagStalenessEntry(key, expires, expired, false, null, null, null, rollout?.RolloutId, false);
        }

        // A rollout in flight (pending, progressing, paused) is about to serve more variants: it is not a finished flag.
        if (rollout is not null && !rollout.State.IsTerminal)
        {
            return new FlagStalenessEntry(key, expires, expired, true, variant, null, null, rollout.RolloutId, false);
        }

        DateTimeOffset since;
        string source;
        var ended = rollout?.State.Status == RolloutStatus.Promoted ? rollout.CanaryVariant : rollout?.StableVariant;
        if (rollout?.State.EndedAt is { } endedAt && string.Equals(ended, variant, StringComparison.Ordinal))
        {
            since = endedAt;
            source = FlagStalenessEntry.RolloutSource;
        }
        else
        {
            since = _observed.TryGetValue(key, out var observed) && observed.Single && string.Equals(observed.Variant, variant, StringComparison.Ordinal)
                ? observed.Since
                : now;
            source = FlagStalenessEntry.RecordedSource;
        }

        var singleVariantStale = now - since >= SingleVariantStaleAfter;
        return new FlagStalenessEntry(key, expires, expired, true, variant, since, source, rollout?.RolloutId, singleVariantStale)
        {
            Days = (now - since).TotalDays,
        };
    }

    private void OnSnapshotChanged(object? sender, FlagSnapshot snapshot) => Observe(snapshot, _timeProvider.GetUtcNow());

    // Remembers since when each flag has served what it serves now; a change of shape restarts its clock, and a flag
    // removed is forgotten (re-added later, it starts afresh).
    private void Observe(FlagSnapshot snapshot, DateTimeOffset now)
    {
        foreach (var key in _observed.Keys)
        {
            if (!snapshot.ContainsFlag(key))
            {
                _observed.TryRemove(key, out _);
                _dirty = true;
            }
        }

        foreach (var key in snapshot.FlagKeys)
        {
            var single = snapshot.TryGetSingleVariant(key, out var variant);
            var current = _observed.GetOrAdd(key, static (_, state) => new Observed(state.single, state.variant, state.now), (single, variant, now));
            if (current.Single != single || !string.Equals(current.Variant, variant, StringComparison.Ordinal))
            {
                _observed[key] = new Observed(single, variant, now);
                _dirty = true;
            }
        }
    }

    private sealed record Observed(bool Single, string? Variant, DateTimeOffset Since);
}

/// <summary>One flag's staleness.</summary>
/// <param name="FlagKey">The flag.</param>
/// <param name="Expires">Its <c>expires</c> date, if the definition has one.</param>
/// <param name="Expired">Whether that date has passed.</param>
/// <param name="SingleVariant">Whether every unit is served one variant now.</param>
/// <param name="Variant">That variant (<see langword="null"/> also for the caller's default of a disabled flag without an off variant).</param>
/// <param name="Since">Since when it has served only that variant, or <see langword="null"/> while a rollout of the flag is in flight.</param>
/// <param name="SinceSource"><see cref="RolloutSource"/> (when its rollout ended) or <see cref="RecordedSource"/> (the clock kept in the store).</param>
/// <param name="RolloutId">The rollout of the flag, if any.</param>
/// <param name="SingleVariantStale">Whether it has served one variant for the configured time.</param>
internal sealed record FlagStalenessEntry(
    string FlagKey,
    DateTimeOffset? Expires,
    bool Expired,
    bool SingleVariant,
    string? Variant,
    DateTimeOffset? Since,
    string? SinceSource,
    string? RolloutId,
    bool SingleVariantStale)
{
    public const string RolloutSource = "rollout";
    public const string RecordedSource = "recorded";

    /// <summary>For how many days (on the server's clock) it has served only that variant, when <see cref="Since"/> is known.</summary>
    public double? Days { get; init; }

    /// <summary>Whether the flag is stale: expired, or serving one variant for the configured time.</summary>
    public bool Stale => Expired || SingleVariantStale;
}
