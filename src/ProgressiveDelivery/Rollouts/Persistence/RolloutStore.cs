using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Persistence;

/// <summary>
/// Stores rollout documents with optimistic concurrency: every write names the version it expects, and exactly one
/// writer wins each version, even when several processes share the store.
/// </summary>
/// <remarks>
/// <para>
/// The public methods validate their arguments and the implementation's results; implementations override the
/// <c>...CoreAsync</c> methods, which receive validated arguments. Every implementation must pass the contract tests
/// (<c>RolloutStoreContractTests</c>).
/// </para>
/// <para>
/// Versions start at 1 and grow by one per write. After a delete the next create starts again at 1, so a writer
/// that read a version before the delete and writes after a re-create that reached the same version would win;
/// rollouts are deleted rarely and by an operator, so this is accepted rather than paying for tombstones.
/// </para>
/// </remarks>
public abstract class RolloutStore
{
    /// <summary>Reads a rollout.</summary>
    /// <param name="rolloutId">The rollout id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored document, or <see langword="null"/> if the rollout does not exist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="System.IO.InvalidDataException">The stored document is corrupt (stores that can detect it).</exception>
    public Task<RolloutDocument?> GetAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        cancellationToken.ThrowIfCancellationRequested();
        return GetCoreAsync(rolloutId, cancellationToken);
    }

    /// <summary>Lists the ids of every stored rollout.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The ids, in ordinal order.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await ListCoreAsync(cancellationToken).ConfigureAwait(false);
        var sorted = new string[ids.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = ids[i];
        }

        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>Writes a rollout if its stored version is <paramref name="expectedVersion"/>.</summary>
    /// <param name="document">The document to write; its <see cref="RolloutDocument.Version"/> and <see cref="RolloutDocument.UpdatedAt"/> are ignored.</param>
    /// <param name="expectedVersion">The version the caller read; 0 to create a rollout that must not exist yet.</param>
    /// <param name="cancellationToken">Cancels the write (once the write has begun, it completes).</param>
    /// <returns>The stored document: version <paramref name="expectedVersion"/> + 1, timestamped by the store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="RolloutConcurrencyException">The stored version is not <paramref name="expectedVersion"/>; nothing was written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled before the write began.</exception>
    /// <exception cref="InvalidOperationException">The implementation broke the contract (wrong id or version returned).</exception>
    public async Task<RolloutDocument> SaveAsync(RolloutDocument document, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = await SaveCoreAsync(document, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (stored is null
            || !string.Equals(stored.RolloutId, document.RolloutId, StringComparison.Ordinal)
            || stored.Version != expectedVersion + 1)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{GetType().Name} broke the store contract: saving '{document.RolloutId}' at version {expectedVersion} must return version {expectedVersion + 1} of the same rollout."));
        }

        return stored;
    }

    /// <summary>Deletes a rollout if its stored version is <paramref name="expectedVersion"/>.</summary>
    /// <param name="rolloutId">The rollout id.</param>
    /// <param name="expectedVersion">The version the caller read (1 or more).</param>
    /// <param name="cancellationToken">Cancels the delete (once it has begun, it completes).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is not a valid rollout id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is less than 1.</exception>
    /// <exception cref="RolloutConcurrencyException">
    /// The stored version is not <paramref name="expectedVersion"/>, or the rollout does not exist (actual version 0); nothing was deleted.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled before the delete began.</exception>
    public Task DeleteAsync(string rolloutId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedVersion, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return DeleteCoreAsync(rolloutId, expectedVersion, cancellationToken);
    }

    /// <summary>Reads a rollout; <paramref name="rolloutId"/> is valid.</summary>
    /// <returns>The stored document, or <see langword="null"/> if the rollout does not exist.</returns>
    protected abstract Task<RolloutDocument?> GetCoreAsync(string rolloutId, CancellationToken cancellationToken);

    /// <summary>Lists the ids of every stored rollout, in any order.</summary>
    protected abstract Task<IReadOnlyList<string>> ListCoreAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Atomically compares the stored version with <paramref name="expectedVersion"/> (0 when absent) and, if equal,
    /// stores <paramref name="document"/>'s state and audit head as version <paramref name="expectedVersion"/> + 1 stamped
    /// with the store's clock; otherwise throws <see cref="RolloutConcurrencyException"/> and changes nothing.
    /// </summary>
    /// <returns>The stored document.</returns>
    protected abstract Task<RolloutDocument> SaveCoreAsync(RolloutDocument document, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically compares the stored version with <paramref name="expectedVersion"/> (at least 1) and, if equal, deletes
    /// the rollout; otherwise throws <see cref="RolloutConcurrencyException"/> (actual version 0 when absent).
    /// </summary>
    protected abstract Task DeleteCoreAsync(string rolloutId, long expectedVersion, CancellationToken cancellationToken);
}
