using System;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Persistence;

/// <summary>Read-modify-write helpers over a <see cref="RolloutStore"/>.</summary>
public static class RolloutStoreExtensions
{
    /// <summary>
    /// Reads a rollout, computes its next document with <paramref name="update"/> and saves it at the version read;
    /// when another writer won in between, reads the fresh document and tries again.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="rolloutId">The rollout id.</param>
    /// <param name="update">
    /// Computes the next document from the current one (<see langword="null"/> when the rollout does not exist yet).
    /// It must be pure, without side effects such as appending audit entries or publishing weights: it runs once per
    /// attempt, so possibly several times, and only the last run's result is stored.
    /// </param>
    /// <param name="maxAttempts">How many times to try before giving up. The default value is 10.</param>
    /// <param name="cancellationToken">Cancels between attempts.</param>
    /// <returns>The stored document.</returns>
    /// <remarks>
    /// Retries are immediate: a conflict means another writer just succeeded, so the fresh read is likely to win.
    /// With <c>N</c> writers making one change each, a writer loses at most <c>N - 1</c> times.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="store"/>, <paramref name="rolloutId"/> or <paramref name="update"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAttempts"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="update"/> returned <see langword="null"/> or a document of another rollout.</exception>
    /// <exception cref="RolloutConcurrencyException">Every attempt lost to another writer.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task<RolloutDocument> UpdateAsync(
        this RolloutStore store,
        string rolloutId,
        Func<RolloutDocument?, RolloutDocument> update,
        int maxAttempts = 10,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        ArgumentNullException.ThrowIfNull(update);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await store.GetAsync(rolloutId, cancellationToken).ConfigureAwait(false);
            var next = update(current)
                ?? throw new InvalidOperationException($"The update of rollout '{rolloutId}' returned null; return a document.");
            if (!string.Equals(next.RolloutId, rolloutId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The update of rollout '{rolloutId}' returned a document of rollout '{next.RolloutId}'.");
            }

            try
            {
                return await store.SaveAsync(next, current?.Version ?? 0, cancellationToken).ConfigureAwait(false);
            }
            catch (RolloutConcurrencyException) when (attempt < maxAttempts)
            {
                // Another writer won this version: read its result and decide again.
            }
        }
    }
}
