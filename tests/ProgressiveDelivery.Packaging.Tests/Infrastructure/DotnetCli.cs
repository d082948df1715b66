using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>Runs the <c>dotnet</c> CLI as a child process, isolated from the test run that started it.</summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; throws, with the child's output, when it fails or outlives <paramref name="timeout"/>.</summary>
    public static async Task<ChildProcessOutput> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var child = Start(workingDirectory, arguments);
        var started = Stopwatch.GetTimestamp();
        using (var cancellation = new CancellationTokenSource(timeout))
        {
            try
            {
                await child.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill();
                throw new ChildProcessException(
                    $"`{child.CommandLine}` (in {workingDirectory}) did not finish within {timeout.TotalSeconds:0} s and was killed.", child.Output.Text);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (child.Process.ExitCode != 0)
        {
            throw new ChildProcessException(
                $"`{child.CommandLine}` (in {workingDirectory}) exited with code {child.Process.ExitCode} after {elapsed.TotalSeconds:0.0} s.", child.Output.Text);
        }

        return new ChildProcessOutput(child.CommandLine, child.Output.Text, elapsed);
    }

    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/> and collects its output; the caller stops it.</summary>
    public static ChildProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Host())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Isolate(start.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return ChildProcess.Start(start);
    }

    /// <summary>
    /// The test runs under <c>dotnet test</c>, whose MSBuild and VSTest variables (SDK paths, node handshakes, test host
    /// settings) would leak into the child's own build and test run: they are removed. MSBuild nodes and the MSBuild server
    /// are not kept after the child exits. The compiler server stays on: it halves the build time (a fresh compiler per
    /// project costs seconds of JIT each), and <c>dotnet test</c>'s own build has usually started it already. The CLI
    /// speaks English so that its summary lines can be read.
    /// </summary>
    private static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(IsInherited).ToList())
        {
            environment.Remove(name);
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["MSBUILDTERMINALLOGGER"] = "off";
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase);

    private static string Host() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
