using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Audit.Internal;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>
/// An <see cref="AuditLog"/> keeping one append-only JSON Lines file per rollout in a directory. Each append is flushed to
/// disk before it returns, and several processes may append to the same rollout.
/// </summary>
/// <remarks>
/// <para>
/// Files: <c>{rolloutId}.audit.jsonl</c> holds the chain, one entry per line; <c>{rolloutId}.audit.lock</c> is the lock
/// taken around every append (kept empty, never deleted); <c>{rolloutId}.audit.torn</c> keeps incomplete appends that were
/// cut off. The directory may be shared with a <see cref="Persistence.FileRolloutStore"/>.
/// </para>
/// <para>
/// A final line without its line feed is an append that a crash interrupted, never acknowledged to its caller, so it is
/// not part of the chain: reads skip it (it may also be an append in progress), and the next append, holding the lock,
/// moves its bytes to the <c>.audit.torn</c> file and cuts the log back to the last complete line. Tampering is a different
/// matter: a complete line that is not a well-formed entry makes reads throw <see cref="InvalidDataException"/> naming the
/// file and line, and a well-formed but altered entry is found by <see cref="AuditChainVerifier"/>.
/// </para>
/// </remarks>
public sealed class FileAuditLog : AuditLog
{
    private const string LogSuffix = ".audit.jsonl";
    private const string TornSuffix = ".audit.torn";
    private const int TailChunk = 4096;

    private readonly TimeProvider _timeProvider;
    private readonly FileLockSet _locks;

    /// <summary>Opens (creating it if needed) a log in <paramref name="directoryPath"/>, stamping entries with the system clock.</summary>
    /// <param name="directoryPath">The directory holding the logs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directoryPath"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="directoryPath"/> is empty.</exception>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    /// <exception cref="NotSupportedException">File locking is disabled for this process.</exception>
    public FileAuditLog(string directoryPath)
        : this(directoryPath, TimeProvider.System)
    {
    }

    /// <summary>Opens (creating it if needed) a log in <paramref name="directoryPath"/>.</summary>
    /// <param name="directoryPath">The directory holding the logs.</param>
    /// <param name="timeProvider">The clock that stamps <see cref="AuditEntry.Timestamp"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directoryPath"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="directoryPath"/> is empty.</exception>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    /// <exception cref="NotSupportedException">File locking is disabled for this process.</exception>
    public FileAuditLog(string directoryPath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryPath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        DirectoryPath = Path.GetFullPath(directoryPath);
        _timeProvider = timeProvider;
        Directory.CreateDirectory(DirectoryPath);
        _locks = new FileLockSet(DirectoryPath, ".audit.lock");
    }

    /// <summary>The full path of the directory holding the logs.</summary>
    public string DirectoryPath { get; }

    /// <inheritdoc />
    protected override async Task<AuditEntry> AppendCoreAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var id = auditEvent.RolloutId;
        var path = LogPath(id);
        using (await _locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var created = !File.Exists(path);
            using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            var head = await ReadHeadAsync(stream, path, id, repair: true).ConfigureAwait(false);
            var entry = AuditEntry.Create(head, _timeProvider.GetUtcNow(), auditEvent);
            stream.Seek(0, SeekOrigin.End);

            // One write of the whole line, then fsync: a crash leaves no line, the whole line, or an unterminated prefix.
            await stream.WriteAsync(AuditEntryFormat.SerializeLine(entry), CancellationToken.None).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            if (created)
            {
                DirectorySync.Flush(DirectoryPath);
            }

            return entry;
        }
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<AuditEntry>> ReadCoreAsync(string? rolloutId, long fromSequence, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (rolloutId is not null)
        {
            ids.Add(rolloutId);
        }
        else
        {
            foreach (var file in Directory.EnumerateFiles(DirectoryPath, "*" + LogSuffix))
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(LogSuffix, StringComparison.Ordinal) && RolloutIdRules.IsValid(name[..^LogSuffix.Length]))
                {
                    ids.Add(name[..^LogSuffix.Length]);
                }
            }

            ids.Sort(StringComparer.Ordinal);
        }

        var entries = new List<AuditEntry>();
        foreach (var id in ids)
        {
            await ReadChainAsync(id, fromSequence, entries, cancellationToken).ConfigureAwait(false);
        }

        return entries;
    }

    /// <inheritdoc />
    protected override async Task<AuditHead> GetHeadCoreAsync(string rolloutId, CancellationToken cancellationToken)
    {
        var path = LogPath(rolloutId);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            return await ReadHeadAsync(stream, path, rolloutId, repair: false).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return AuditHead.Genesis;
        }
    }

    private string LogPath(string rolloutId) => Path.Combine(DirectoryPath, rolloutId + LogSuffix);

    private async Task ReadChainAsync(string rolloutId, long fromSequence, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var path = LogPath(rolloutId);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }

        var start = 0;
        for (var lineNumber = 1; ; lineNumber++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                return; // Nothing left, or an unterminated final line: an append in progress or cut off by a crash.
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}");
            var entry = AuditEntryFormat.ParseLine(bytes.AsMemory(start, end - start), path, where, rolloutId);
            if (entry.Sequence >= fromSequence)
            {
                entries.Add(entry);
            }

            start = end + 1;
        }
    }

    /// <summary>
    /// Finds the head from the last complete line, reading only the file's tail. With <paramref name="repair"/> (only
    /// under the lock) an unterminated final line is moved to the <c>.audit.torn</c> file and cut off.
    /// </summary>
    private async Task<AuditHead> ReadHeadAsync(FileStream stream, string path, string rolloutId, bool repair)
    {
        var length = stream.Length;
        var lastNewline = await FindLastNewlineAsync(stream, length).ConfigureAwait(false);
        if (lastNewline != length - 1 && repair)
        {
            var torn = new byte[length - lastNewline - 1];
            stream.Seek(lastNewline + 1, SeekOrigin.Begin);
            await stream.ReadExactlyAsync(torn).ConfigureAwait(false);
            using (var tornFile = new FileStream(Path.Combine(DirectoryPath, rolloutId + TornSuffix), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1))
            {
                await tornFile.WriteAsync(torn).ConfigureAwait(false);
                tornFile.WriteByte((byte)'\n');
                tornFile.Flush(flushToDisk: true);
            }

            stream.SetLength(lastNewline + 1);
            stream.Flush(flushToDisk: true);
        }

        if (lastNewline < 0)
        {
            return AuditHead.Genesis;
        }

        var lineStart = await FindLastNewlineAsync(stream, lastNewline).ConfigureAwait(false) + 1;
        var line = new byte[lastNewline - lineStart];
        stream.Seek(lineStart, SeekOrigin.Begin);
        await stream.ReadExactlyAsync(line).ConfigureAwait(false);
        return AuditEntryFormat.ParseLine(line, path, "its last complete line", rolloutId).Head;
    }

    /// <summary>The position of the last line feed before <paramref name="before"/>, or -1.</summary>
    private static async Task<long> FindLastNewlineAsync(FileStream stream, long before)
    {
        var chunk = new byte[TailChunk];
        var end = before;
        while (end > 0)
        {
            var start = Math.Max(0, end - TailChunk);
            var count = (int)(end - start);
            stream.Seek(start, SeekOrigin.Begin);
            await stream.ReadExactlyAsync(chunk.AsMemory(0, count)).ConfigureAwait(false);
            var index = Array.LastIndexOf(chunk, (byte)'\n', count - 1, count);
            if (index >= 0)
            {
                return start + index;
            }

            end = start;
        }

        return -1;
    }
}
