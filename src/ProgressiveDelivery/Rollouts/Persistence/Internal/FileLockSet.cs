using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.Rollouts.Persistence.Internal;

/// <summary>
/// Per-key mutual exclusion across threads and processes sharing a directory: an in-process semaphore per key (so
/// threads queue instead of polling), then an exclusive lock on the file <c>{key}{suffix}</c>.
/// </summary>
/// <remarks>
/// The file lock is a <see cref="FileStream"/> opened with <see cref="FileShare.None"/>: on Windows a sharing mode,
/// on Unix an advisory <c>flock(LOCK_EX)</c> that .NET takes for that mode and the kernel releases when the process
/// dies, so a crashed holder never leaves a stale lock. Lock files are never deleted: deleting one while another
/// process waits for it would let two processes hold "the" lock on two different files.
/// Waiting uses real time, not an injected <see cref="TimeProvider"/>: it is about the operating system, and a fake
/// clock that never moves must not make it spin forever or time out at once.
/// </remarks>
internal sealed class FileLockSet
{
    private static readonly TimeSpan AcquireTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directoryPath;
    private readonly string _suffix;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public FileLockSet(string directoryPath, string suffix)
    {
        if ((AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled)
            || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is { } value
                && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase)))
        {
            throw new NotSupportedException(
                "File locking is disabled (System.IO.DisableFileLocking / DOTNET_SYSTEM_IO_DISABLEFILELOCKING), so processes sharing "
                + $"'{directoryPath}' could not exclude each other. Enable file locking to use the file-based rollout stores.");
        }

        _directoryPath = directoryPath;
        _suffix = suffix;
    }

    public async Task<FileLockHandle> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = Path.Combine(_directoryPath, key + _suffix);
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var stream = TryOpenExclusive(path, out var error);
                if (stream is not null)
                {
                    return new FileLockHandle(stream, gate);
                }

                if (Stopwatch.GetElapsedTime(started) > AcquireTimeout)
                {
                    throw new TimeoutException($"Could not lock '{path}' within {AcquireTimeout.TotalSeconds:0} s: another process holds it.", error);
                }

                await Task.Delay(Random.Shared.Next(1, 10), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Takes the lock only if it is free right now; <see langword="null"/> otherwise.</summary>
    public FileLockHandle? TryAcquire(string key)
    {
        var gate = _gates.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(0))
        {
            return null;
        }

        var stream = TryOpenExclusive(Path.Combine(_directoryPath, key + _suffix), out _);
        if (stream is null)
        {
            gate.Release();
            return null;
        }

        return new FileLockHandle(stream, gate);
    }

    private static FileStream? TryOpenExclusive(string path, out IOException? error)
    {
        try
        {
            error = null;
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException exception) when (exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            // Held by another process (a sharing violation on Windows, EWOULDBLOCK from flock on Unix).
            error = exception;
            return null;
        }
    }
}
