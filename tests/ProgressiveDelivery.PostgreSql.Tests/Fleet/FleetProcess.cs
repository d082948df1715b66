using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// One replica as a real process: <c>dotnet fleet-host/ProgressiveDelivery.FleetHost.dll</c> (tests/ProgressiveDelivery.FleetHost)
/// on 127.0.0.1 at a port of its choosing, its output kept line by line. Disposing kills it (SIGKILL) if it still runs.
/// </summary>
internal sealed class FleetProcess : IAsyncDisposable
{
    public const string RolloutId = "checkout-v2";
    public const string FlagKey = "checkout";

    private static readonly string HostPath = Path.Combine(AppContext.BaseDirectory, "fleet-host", "ProgressiveDelivery.FleetHost.dll");
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FleetProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += OnTestHostExit;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>The replica id it took in the fleet (a fresh one at every start).</summary>
    public string ReplicaId { get; private set; } = string.Empty;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The client of this replica (loopback, a short timeout: a request that hangs is a failure).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts a replica and returns once it listens (within 60 s).</summary>
    public static async Task<FleetProcess> StartAsync(string name, string connectionString, string schema, IEnumerable<string> arguments)
    {
        Assert.True(File.Exists(HostPath), $"The fleet host was not built next to the tests: {HostPath}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[HostPath, "--port", "0", "--connection", connectionString, "--schema", schema])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new FleetProcess(name, Process.Start(start) ?? throw new InvalidOperationException("Could not start the fleet host."));
        try
        {
            var address = await process._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            process.Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            process.ReplicaId = (await process.GetJsonAsync("/progressive-delivery/fleet")).GetProperty("replicaId").GetString()!;
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>GETs a JSON document.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{Name} GET {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>This replica's view of the rollout (<c>GET /progressive-delivery/rollouts</c>, the only rollout).</summary>
    public async Task<JsonElement> GetRolloutAsync(CancellationToken cancellationToken = default) =>
        (await GetJsonAsync("/progressive-delivery/rollouts", cancellationToken)).GetProperty("rollouts")[0];

    /// <summary>Whether this replica says it holds the rollout's lease (<c>GET /progressive-delivery/fleet</c>).</summary>
    public async Task<bool> ClaimsLeaseAsync(CancellationToken cancellationToken = default)
    {
        foreach (var lease in (await GetJsonAsync("/progressive-delivery/fleet", cancellationToken)).GetProperty("leases").EnumerateArray())
        {
            if (lease.GetString() == RolloutId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>SIGKILL: no shutdown code runs (no final flush, no resignation).</summary>
    public Task KillAsync()
    {
        _process.Kill();
        return _process.WaitForExitAsync();
    }

    /// <summary>Sends a signal with kill(1): STOP, CONT, TERM.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, ProcessId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Kills the process if it still runs (a stopped one too) and waits up to 10 s for it to be reaped; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnTestHostExit;
        Http?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true); // SIGKILL: a stopped (SIGSTOP) process dies of it too
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // It exited meanwhile, or was killed and is not reaped yet: nothing more to do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>The test host exits without disposing (a crash, a cancelled run): do not leave a replica behind.</summary>
    private void OnTestHostExit(object? sender, EventArgs e)
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException($"{Name} exited before it was ready:\n{Output}"));
            return;
        }

        _output.Enqueue(line);
        if (line.StartsWith("ready ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(new Uri(line["ready ".Length..]));
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
