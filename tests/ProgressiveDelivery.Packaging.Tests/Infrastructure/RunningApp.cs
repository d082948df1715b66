using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>A built ASP.NET Core app started with <c>dotnet App.dll</c> on 127.0.0.1 at a free port; killed on dispose.</summary>
internal sealed class RunningApp : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly ChildProcess _process;

    private RunningApp(ChildProcess process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>Everything the app printed so far, for failure messages.</summary>
    public string Output => _process.Output.Text;

    /// <summary>Starts the app and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<RunningApp> StartAsync(string appAssembly, string readyPath)
    {
        // Another process may take the free port between our check and the app's bind: try a few ports.
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var process = DotnetCli.Start(
                Path.GetDirectoryName(appAssembly)!,
                [appAssembly, "--urls", address.ToString()],
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
            var app = new RunningApp(process, address);
            try
            {
                await app.WaitUntilReadyAsync(readyPath);
                return app;
            }
            catch (ChildProcessException) when (attempt < 3 && app.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                app.Dispose();
            }
            catch
            {
                app.Dispose();
                throw;
            }
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(string readyPath)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_process.Process.HasExited)
            {
                throw new ChildProcessException($"`{_process.CommandLine}` exited with code {_process.Process.ExitCode} before it answered.", Output);
            }

            try
            {
                using var response = await Client.GetAsync(new Uri(readyPath, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetElapsedTime(started) > StartTimeout)
            {
                throw new ChildProcessException($"`{_process.CommandLine}` did not answer 200 on {readyPath} within {StartTimeout.TotalSeconds:0} s.", Output);
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
