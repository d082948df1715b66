using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using CheckoutCanary.Fleet;

namespace CheckoutCanary.Tests.Infrastructure;

/// <summary>
/// The demo as a real child process, started as fleet mode starts its replicas (<c>dotnet exec CheckoutCanary.dll</c>
/// from this test's output), with its standard input a pipe the test keeps open or closes, and its output read line by
/// line. Signals are sent with libc's <c>kill</c>. Disposing kills whatever is left: the process tree, and any child
/// seen earlier that outlived its parent.
/// </summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    public const int Sigint = 2;
    public const int Sigterm = 15;

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly HashSet<int> _children = [];
    private readonly Task _readers;

    private DemoProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(ReadAsync(process.StandardOutput, ""), ReadAsync(process.StandardError, "stderr: "));
    }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the demo printed so far (standard error prefixed <c>stderr: </c>).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join(Environment.NewLine, Lines);

    /// <summary>Starts the demo with <paramref name="arguments"/>; <paramref name="closeInput"/> closes its input at once (EOF).</summary>
    public static DemoProcess Start(IEnumerable<string> arguments, bool closeInput)
    {
        // Through env(1), which resets SIGINT and SIGTERM to their default handling: a process inherits ignored signals,
        // and a test run started as a background job of a non-interactive shell ignores SIGINT. It execs, so the pid stays.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var (fileName, prefix) = ReplicaProcess.SelfCommand();
        foreach (var argument in (string[])["--default-signal=INT,TERM", "--", fileName, .. prefix, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the demo.");
        if (closeInput)
        {
            process.StandardInput.Close();
        }

        return new DemoProcess(process);
    }

    /// <summary>The first line that starts with <paramref name="prefix"/>; fails with the output so far after <paramref name="timeout"/>.</summary>
    public Task<string> WaitForLineAsync(string prefix, TimeSpan timeout) =>
        WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), $"a line starting '{prefix}'", timeout);

    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                await _readers;
                Assert.Fail($"The demo exited ({_process.ExitCode}) before printing {what}:{Environment.NewLine}{Output}");
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, $"No {what} within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (<see cref="Sigint"/>, <see cref="Sigterm"/>) to the demo.</summary>
    public void Signal(int signal) => Signal(_process.Id, signal);

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="processId"/> (one of the demo's children, say).</summary>
    public static void Signal(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, {signal}) failed");
        }
    }

    /// <summary>Whether the demo exited within <paramref name="timeout"/> (its output is then read to the end).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        await _readers;
        return true;
    }

    /// <summary>The demo's child processes now (every thread's children, from /proc), remembered for <see cref="DisposeAsync"/>.</summary>
    public IReadOnlyList<int> ChildProcessIds()
    {
        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => int.Parse(id, CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        _children.UnionWith(children);
        return children;
    }

    public static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task ReadAsync(StreamReader reader, string prefix)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(prefix + line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        foreach (var child in _children.Where(IsRunning))
        {
            try
            {
                using var orphan = Process.GetProcessById(child);
                orphan.Kill(entireProcessTree: true);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        await _readers;
        _process.Dispose();
    }

    // DllImport, as the core's DirectorySync does: LibraryImport would need AllowUnsafeBlocks for one int-only call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
