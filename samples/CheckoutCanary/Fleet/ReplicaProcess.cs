using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CheckoutCanary.Fleet;

/// <summary>
/// A replica in a child process: this same program in its hidden <c>--replica</c> mode. It prints <c>ready &lt;address&gt;</c>
/// once it listens and stops when its standard input closes: when <see cref="DisposeAsync"/> closes it (every normal
/// exit of this process disposes every child: the scenario runner's <c>await using</c>), and also when this process
/// dies in any way (the pipe closes with it: no exit handler is needed, and none would run on SIGKILL or, since .NET 10,
/// on an unhandled SIGTERM). A child that does not stop within 10 s of <see cref="DisposeAsync"/> is killed.
/// </summary>
internal sealed class ReplicaProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "ready ";
    public const string LogPrefix = "log: ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _readers;
    private int _disposed;

    private ReplicaProcess(ReplicaOptions options, Process process)
    {
        Options = options;
        _process = process;
        _readers = Task.WhenAll(ReadOutputAsync(), ReadErrorsAsync());
    }

    public ReplicaOptions Options { get; }

    public int ProcessId => _process.Id;

    /// <summary>Where the replica listens, once started.</summary>
    public Uri BaseAddress => _ready.Task.Result;

    /// <summary>The replica's warnings and errors, and anything it wrote to standard error.</summary>
    public IEnumerable<string> Log => [.. _log, .. _errors];

    /// <summary>Starts the child and waits until it listens; a child that fails or hangs at start is an error that says why.</summary>
    public static async Task<ReplicaProcess> StartAsync(ReplicaOptions options, Scenario scenario, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        (start.FileName, var prefix) = SelfCommand();
        foreach (var argument in prefix)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in options.ChildArguments(scenario))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        }
        catch (Win32Exception exception)
        {
            // The executable is missing or may not be run: the same kind of error as a child that fails at start.
            throw new InvalidOperationException($"{options.ReplicaId} ({start.FileName} {string.Join(' ', start.ArgumentList)}) could not start: {exception.Message}.", exception);
        }

        var child = new ReplicaProcess(options, process);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await child._ready.Task.WaitAsync(timeout.Token);
            return child;
        }
        catch (Exception exception)
        {
            await child.DisposeAsync();
            var why = exception is OperationCanceledException && !cancellationToken.IsCancellationRequested ? $"did not listen within {StartTimeout.TotalSeconds:0} s" : exception.Message;
            throw new InvalidOperationException($"{options.ReplicaId} ({start.FileName} {string.Join(' ', start.ArgumentList)}) {why}. Its output: {string.Join(" | ", child.Log)}", exception);
        }
    }

    /// <summary>
    /// This program again: its own executable (the apphost that <c>dotnet run</c> starts), or else the dotnet host
    /// running this assembly (under a test runner the process is the test host, not the demo; the tests start the demo
    /// this way too).
    /// </summary>
    internal static (string FileName, string[] Prefix) SelfCommand()
    {
        var assembly = typeof(ReplicaProcess).Assembly.Location;
        var processPath = Environment.ProcessPath;
        if (processPath is not null && string.Equals(Path.GetFileNameWithoutExtension(processPath), Path.GetFileNameWithoutExtension(assembly), StringComparison.Ordinal))
        {
            return (processPath, []);
        }

        var host = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? processPath
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } configured ? configured : "dotnet";
        return (host, ["exec", assembly]);
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                _ready.TrySetResult(new Uri(line[ReadyPrefix.Length..]));
            }
            else if (line.StartsWith(LogPrefix, StringComparison.Ordinal))
            {
                _log.Enqueue(line[LogPrefix.Length..]);
            }
        }

        _ready.TrySetException(new InvalidOperationException($"exited before it listened (exit code {ExitCode()})"));
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            if (_errors.Count < 20)
            {
                _errors.Enqueue(line);
            }
        }
    }

    private string ExitCode()
    {
        try
        {
            _process.WaitForExit(1000);
            return _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Stops the replica the friendly way (its last flush and lease hand-over), or kills it after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child is gone already: the pipe is broken.
        }

        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await _readers;
        _process.Dispose();
    }
}
