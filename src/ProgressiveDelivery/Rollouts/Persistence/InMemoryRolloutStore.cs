using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.Rollouts.Persistence;

/// <summary>
/// A thread-safe <see cref="RolloutStore"/> in memory: for tests and for single-process apps that need no persistence.
/// </summary>
public sealed class InMemoryRolloutStore : RolloutStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RolloutDocument> _documents = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty store stamping documents with the system clock.</summary>
    public InMemoryRolloutStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that stamps <see cref="RolloutDocument.UpdatedAt"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public InMemoryRolloutStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    protected override Task<RolloutDocument?> GetCoreAsync(string rolloutId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_documents.GetValueOrDefault(rolloutId));
        }
    }

    /// <inheritdoc />
    protected override Task<IReadOnlyList<string>> ListCoreAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _documents.Keys]);
        }
    }

    /// <inheritdoc />
    protected override Task<RolloutDocument> SaveCoreAsync(RolloutDocument document, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actual = _documents.TryGetValue(document.RolloutId, out var current) ? current.Version : 0;
            if (actual != expectedVersion)
            {
                throw new RolloutConcurrencyException(document.RolloutId, expectedVersion, actual);
            }

            var stored = new RolloutDocument(document.RolloutId, expectedVersion + 1, _timeProvider.GetUtcNow(), document.State, document.AuditHead);
            _documents[document.RolloutId] = stored;
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    protected override Task DeleteCoreAsync(string rolloutId, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actual = _documents.TryGetValue(rolloutId, out var current) ? current.Version : 0;
            if (actual != expectedVersion)
            {
                throw new RolloutConcurrencyException(rolloutId, expectedVersion, actual);
            }

            _documents.Remove(rolloutId);
            return Task.CompletedTask;
        }
    }
}
