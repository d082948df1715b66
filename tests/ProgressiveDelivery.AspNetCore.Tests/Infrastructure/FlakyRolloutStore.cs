using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>An in-memory store whose next save throws the exception armed with <see cref="FailNextSave"/>, once.</summary>
internal sealed class FlakyRolloutStore(TimeProvider timeProvider) : RolloutStore
{
    private readonly InMemoryRolloutStore _inner = new(timeProvider);
    private Exception? _next;

    public void FailNextSave(Exception exception) => Interlocked.Exchange(ref _next, exception);

    protected override Task<RolloutDocument?> GetCoreAsync(string rolloutId, CancellationToken cancellationToken) =>
        _inner.GetAsync(rolloutId, cancellationToken);

    protected override Task<IReadOnlyList<string>> ListCoreAsync(CancellationToken cancellationToken) =>
        _inner.ListAsync(cancellationToken);

    protected override Task<RolloutDocument> SaveCoreAsync(RolloutDocument document, long expectedVersion, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _next, null) is { } exception
            ? Task.FromException<RolloutDocument>(exception)
            : _inner.SaveAsync(document, expectedVersion, cancellationToken);

    protected override Task DeleteCoreAsync(string rolloutId, long expectedVersion, CancellationToken cancellationToken) =>
        _inner.DeleteAsync(rolloutId, expectedVersion, cancellationToken);
}
