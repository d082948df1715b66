using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.Display;
using CheckoutCanary.Fleet;
using CheckoutCanary.LoadBenchmark;
using CheckoutCanary.Run;
using Spectre.Console;

namespace CheckoutCanary;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The server of the wrk load benchmark (benchmarks/load/run.sh), not a demo scenario.
        if (args.Length > 0 && args[0] == "load-benchmark-server")
        {
            return await LoadBenchmarkServer.RunAsync(args[1..]);
        }

        if (Array.IndexOf(args, "--help") >= 0 || Array.IndexOf(args, "-h") >= 0)
        {
            Console.WriteLine(DemoCommandLine.Usage);
            return 0;
        }

        if (!DemoCommandLine.TryParse(args, out var commandLine, out var error))
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        // Fleet mode's hidden child: one more replica of the shop, until the parent closes its standard input.
        if (commandLine!.Replica is not null)
        {
            return await ReplicaChild.RunAsync(commandLine);
        }

        // Ctrl+C and SIGTERM end the scenario and print the summary instead of killing the process mid-run.
        using var cancellation = new CancellationTokenSource();
        using var signals = ShutdownSignals.Register(cancellation);

        IDemoDisplay display = commandLine.Plain || Console.IsOutputRedirected
            ? new PlainDisplay(Console.Out)
            : new ConsoleDisplay(AnsiConsole.Console);
        var results = await RunAsync(commandLine, display, cancellation.Token);
        display.Summary(results);
        return ExitCode(commandLine, results, signals.Received, display);
    }

    /// <summary>
    /// 0 when every scenario ended as expected (always for <c>--interactive</c>, however it was stopped), 1 when one did
    /// not, and 130 (SIGINT) or 143 (SIGTERM), as a shell reports a process the signal ended, when a signal stopped the
    /// run before every scenario ended: an interrupted run proves nothing either way.
    /// </summary>
    private static int ExitCode(DemoCommandLine commandLine, List<ScenarioResult> results, PosixSignal? signal, IDemoDisplay display)
    {
        if (commandLine.Interactive)
        {
            return 0;
        }

        var unfinished = commandLine.Scenarios.Count - results.Count(r => !r.Interrupted);
        if (unfinished > 0 && signal is { } received)
        {
            var code = ShutdownSignals.ExitCodeFor(received);
            display.Line($"[yellow]Stopped by {ShutdownSignals.Describe(received)}: {unfinished} of {commandLine.Scenarios.Count} scenario(s) did not end (exit code {code}).[/]");
            return code;
        }

        return results.TrueForAll(r => r.AsExpected) ? 0 : 1;
    }

    /// <summary>Runs the command line's scenarios one after another (the tests call this).</summary>
    public static async Task<List<ScenarioResult>> RunAsync(DemoCommandLine commandLine, IDemoDisplay display, CancellationToken cancellationToken)
    {
        var runner = new ScenarioRunner(commandLine.Settings, display);
        var results = new List<ScenarioResult>();
        foreach (var scenario in commandLine.Scenarios)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                results.Add(await runner.RunAsync(scenario, commandLine.Interactive, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break; // stopped while the scenario's app or replicas were starting: nothing to summarize for it
            }
        }

        return results;
    }
}
