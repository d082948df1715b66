using System;
using System.Collections.Generic;
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

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // end the scenario and print the summary instead of dying mid-run
            cancellation.Cancel();
        };

        IDemoDisplay display = commandLine.Plain || Console.IsOutputRedirected
            ? new PlainDisplay(Console.Out)
            : new ConsoleDisplay(AnsiConsole.Console);
        var results = await RunAsync(commandLine, display, cancellation.Token);
        display.Summary(results);
        return results.TrueForAll(r => r.AsExpected) || commandLine.Interactive ? 0 : 1;
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

            results.Add(await runner.RunAsync(scenario, commandLine.Interactive, cancellationToken));
        }

        return results;
    }
}
