using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace ProgressiveDelivery.Rollouts.Persistence.Internal;

/// <summary>
/// Flushes a directory's entries (names created, renamed or deleted in it) to disk, so that a rename survives a power
/// loss and not only a process crash.
/// </summary>
/// <remarks>
/// .NET has no API for it: <see cref="File.OpenHandle"/> refuses directories, so on Unix this calls
/// <c>open(path, O_RDONLY)</c>, <c>fsync</c> and <c>close</c> from the C library. On Windows there is nothing to do
/// from user code (NTFS journals its metadata; directories cannot be opened for flushing without backup privileges).
/// Best effort where the system refuses: if the directory cannot be opened or its file system does not support the call
/// (EINVAL), nothing happens; an I/O error reported by <c>fsync</c> is thrown, because then the change may be lost.
/// </remarks>
internal static class DirectorySync
{
    private const int OpenReadOnly = 0;
    private const int InvalidArgument = 22; // EINVAL on Linux, macOS and FreeBSD alike

    public static void Flush(string directoryPath)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(directoryPath + "\0");
        int descriptor;
        try
        {
            descriptor = Open(ref path[0], OpenReadOnly);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return;
        }

        if (descriptor < 0)
        {
            return;
        }

        try
        {
            if (FileSync(descriptor) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error != InvalidArgument)
                {
                    throw new IOException($"Flushing the directory '{directoryPath}' to disk failed (errno {error}); the last change in it may not survive a power loss.");
                }
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(ref byte path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FileSync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
