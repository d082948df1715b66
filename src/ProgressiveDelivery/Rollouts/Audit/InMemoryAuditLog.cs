using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>A thread-safe <see cref="AuditLog"/> in memory: for tests and for apps that keep no audit trail across restarts.</summary>
public sealed class InMemoryAuditLog : AuditLog
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, List<AuditEntry>> _chains = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty log stamping entries with the system clock.</summary>
    public InMemoryAuditLog()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty log.</summary>
    /// <param name="timeProvider">The clock that stamps <see cref="AuditEntry.Timestamp"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public InMemoryAuditLog(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    protected override Task<AuditEntry> AppendCoreAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_chains.TryGetValue(auditEvent.RolloutId, out var chain))
            {
                chain = [];
                _chains.Add(auditEvent.RolloutId, chain);
            }

            var head = chain.Count == 0 ? AuditHead.Genesis : chain[^1].Head;
            var entry = AuditEntry.Create(head, _timeProvider.GetUtcNow(), auditEvent);
            chain.Add(entry);
            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc />
    protected override Task<IReadOnlyList<AuditEntry>> ReadCoreAsync(string? rolloutId, long fromSequence, CancellationToken cancellationToken)
    {
        var result = new List<AuditEntry>();
        lock (_gate)
        {
            foreach (var (id, chain) in _chains)
            {
                if (rolloutId is null || string.Equals(id, rolloutId, StringComparison.Ordinal))
                {
                    foreach (var entry in chain)
                    {
                        if (entry.Sequence >= fromSequence)
                        {
                            result.Add(entry);
                        }
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<AuditEntry>>(result);
    }

    /// <inheritdoc />
    protected override Task<AuditHead> GetHeadCoreAsync(string rolloutId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_chains.TryGetValue(rolloutId, out var chain) && chain.Count > 0 ? chain[^1].Head : AuditHead.Genesis);
        }
    }
}
