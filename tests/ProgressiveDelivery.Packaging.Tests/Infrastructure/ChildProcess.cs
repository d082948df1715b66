using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>A started child process whose standard output and error are collected, interleaved, as they arrive.</summary>
internal sealed class ChildProcess : IDisposable
{
    /// <summary>How long to wait, after the child exits, for the rest of its output.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string commandLine)
    {
        Process = process;
        CommandLine = commandLine;
    }

    public Process Process { get; }

    public string CommandLine { get; }

    public OutputBuffer Output { get; } = new();

    public static ChildProcess Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, $"dotnet {string.Join(' ', start.ArgumentList)}");
        process.OutputDataReceived += (_, e) => child.Receive(e.Data, child._outputClosed);
        process.ErrorDataReceived += (_, e) => child.Receive(e.Data, child._errorClosed);
        process.Exited += (_, _) => child._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"`{child.CommandLine}` did not start.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits for the child to exit, then briefly for the end of its output. Not <see cref="Process.WaitForExitAsync"/>,
    /// which also waits for the output pipes to close: a build server that a child started (the compiler server, which
    /// outlives builds by design) inherits them and keeps them open long after the child has exited.
    /// </summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _exited.Task.WaitAsync(cancellationToken);
        try
        {
            await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(DrainTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Some descendant still holds the pipes; the child's own output is complete.
        }
    }

    /// <summary>Kills the process and its descendants (best effort) and waits, briefly, for them to go.</summary>
    public void Kill()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose()
    {
        if (!_exited.Task.IsCompleted)
        {
            Kill();
        }

        Process.Dispose();
    }

    private void Receive(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            Output.Append(line);
        }
    }
}
