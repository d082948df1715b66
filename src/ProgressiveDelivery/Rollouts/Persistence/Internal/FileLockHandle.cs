using System;
using System.IO;
using System.Threading;

namespace ProgressiveDelivery.Rollouts.Persistence.Internal;

/// <summary>A held <see cref="FileLockSet"/> lock; disposing releases the file lock, then the in-process gate.</summary>
internal sealed class FileLockHandle : IDisposable
{
    private FileStream? _stream;
    private SemaphoreSlim? _gate;

    public FileLockHandle(FileStream stream, SemaphoreSlim gate)
    {
        _stream = stream;
        _gate = gate;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _stream, null)?.Dispose();
        Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
