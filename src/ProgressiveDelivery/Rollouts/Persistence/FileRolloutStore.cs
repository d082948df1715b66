using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Persistence;

/// <summary>
/// A <see cref="RolloutStore"/> keeping one JSON file per rollout in a directory: the embedded default. Writes are atomic
/// (a crash leaves the old or the new document, never a torn one) and several processes may share the directory.
/// </summary>
/// <remarks>
/// <para>
/// Files: <c>{rolloutId}.json</c> holds the document; <c>{rolloutId}.lock</c> is the lock taken around every
/// read-check-write (kept empty, never deleted); <c>{rolloutId}.{guid}.tmp</c> is a write in progress. A write serializes
/// the new version into a temporary file in the same directory, flushes it to disk, renames it over the document (an
/// atomic replace on the same file system) and flushes the directory where the operating system allows it. Leftover
/// temporary files of crashed writers are deleted when a store is opened. The design and the crash test are in
/// <c>docs/rollouts-persistence.md</c>.
/// </para>
/// <para>
/// A document that cannot be read (not JSON, fields missing, another rollout's id) throws
/// <see cref="InvalidDataException"/> naming the file; it is never replaced silently. Network file systems whose locks or
/// renames are not atomic are not supported.
/// </para>
/// </remarks>
public sealed class FileRolloutStore : RolloutStore
{
    private const string DocumentSuffix = ".json";
    private const string TempSuffix = ".tmp";

    private readonly TimeProvider _timeProvider;
    private readonly FileLockSet _locks;

    /// <summary>Opens (creating it if needed) a store in <paramref name="directoryPath"/>, stamping documents with the system clock.</summary>
    /// <param name="directoryPath">The directory holding the documents.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directoryPath"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="directoryPath"/> is empty.</exception>
    /// <exception cref="IOException">The directory cannot be created or listed.</exception>
    /// <exception cref="NotSupportedException">File locking is disabled for this process.</exception>
    public FileRolloutStore(string directoryPath)
        : this(directoryPath, TimeProvider.System)
    {
    }

    /// <summary>Opens (creating it if needed) a store in <paramref name="directoryPath"/>.</summary>
    /// <param name="directoryPath">The directory holding the documents.</param>
    /// <param name="timeProvider">The clock that stamps <see cref="RolloutDocument.UpdatedAt"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directoryPath"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="directoryPath"/> is empty.</exception>
    /// <exception cref="IOException">The directory cannot be created or listed.</exception>
    /// <exception cref="NotSupportedException">File locking is disabled for this process.</exception>
    public FileRolloutStore(string directoryPath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryPath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        DirectoryPath = Path.GetFullPath(directoryPath);
        _timeProvider = timeProvider;
        Directory.CreateDirectory(DirectoryPath);
        _locks = new FileLockSet(DirectoryPath, ".lock");
        RemoveLeftoverTempFiles();
    }

    /// <summary>The full path of the directory holding the documents.</summary>
    public string DirectoryPath { get; }

    /// <inheritdoc />
    protected override Task<RolloutDocument?> GetCoreAsync(string rolloutId, CancellationToken cancellationToken) =>
        ReadAsync(rolloutId, cancellationToken);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<string>> ListCoreAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var file in Directory.EnumerateFiles(DirectoryPath, "*" + DocumentSuffix))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(DocumentSuffix, StringComparison.Ordinal))
            {
                var id = name[..^DocumentSuffix.Length];
                if (RolloutIdRules.IsValid(id))
                {
                    ids.Add(id);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    /// <inheritdoc />
    protected override async Task<RolloutDocument> SaveCoreAsync(RolloutDocument document, long expectedVersion, CancellationToken cancellationToken)
    {
        var id = document.RolloutId;
        using (await _locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var actual = (await ReadAsync(id, cancellationToken).ConfigureAwait(false))?.Version ?? 0;
            if (actual != expectedVersion)
            {
                throw new RolloutConcurrencyException(id, expectedVersion, actual);
            }

            var stored = new RolloutDocument(id, expectedVersion + 1, _timeProvider.GetUtcNow(), document.State, document.AuditHead);
            await WriteAtomicallyAsync(id, RolloutDocumentFormat.Serialize(stored), cancellationToken).ConfigureAwait(false);
            return stored;
        }
    }

    /// <inheritdoc />
    protected override async Task DeleteCoreAsync(string rolloutId, long expectedVersion, CancellationToken cancellationToken)
    {
        using (await _locks.AcquireAsync(rolloutId, cancellationToken).ConfigureAwait(false))
        {
            var actual = (await ReadAsync(rolloutId, cancellationToken).ConfigureAwait(false))?.Version ?? 0;
            if (actual != expectedVersion)
            {
                throw new RolloutConcurrencyException(rolloutId, expectedVersion, actual);
            }

            File.Delete(DocumentPath(rolloutId));
            DirectorySync.Flush(DirectoryPath);
        }
    }

    private string DocumentPath(string rolloutId) => Path.Combine(DirectoryPath, rolloutId + DocumentSuffix);

    private async Task<RolloutDocument?> ReadAsync(string rolloutId, CancellationToken cancellationToken)
    {
        var path = DocumentPath(rolloutId);
        byte[] bytes;
        try
        {
            // The document is only ever replaced by a rename, never written in place, so this handle sees one whole version.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return RolloutDocumentFormat.Parse(bytes, path, rolloutId);
    }

    private async Task WriteAtomicallyAsync(string rolloutId, byte[] bytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(DirectoryPath, $"{rolloutId}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, DocumentPath(rolloutId), overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        DirectorySync.Flush(DirectoryPath);
    }

    private void RemoveLeftoverTempFiles()
    {
        foreach (var file in Directory.EnumerateFiles(DirectoryPath, "*" + TempSuffix))
        {
            // {rolloutId}.{32 hex digits}.tmp; a writer creates its temporary file only while it holds the rollout's
            // lock, so holding the lock proves no live writer owns the file.
            var name = Path.GetFileName(file);
            var stem = name.EndsWith(TempSuffix, StringComparison.Ordinal) ? name[..^TempSuffix.Length] : string.Empty;
            var dot = stem.LastIndexOf('.');
            if (dot <= 0 || stem.Length - dot - 1 != 32 || !RolloutIdRules.IsValid(stem[..dot]))
            {
                continue;
            }

            using var handle = _locks.TryAcquire(stem[..dot]);
            if (handle is not null)
            {
                TryDelete(file);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next open to clean up.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the next open to clean up.
        }
    }
}
