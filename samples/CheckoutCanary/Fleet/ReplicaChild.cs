using System;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Run;

namespace CheckoutCanary.Fleet;

/// <summary>
/// The hidden <c>--replica</c> mode: one more copy of the shop for fleet mode. It prints <c>ready &lt;address&gt;</c>
/// when it listens, serves until its standard input closes (the parent stopped it, or died) or it gets SIGTERM, stops
/// gracefully (last flush, leases handed over), then prints its warnings as <c>log: ...</c> lines. It ignores SIGINT:
/// Ctrl+C in a terminal reaches the whole process group, and the parent, which handles it, still takes its last look at
/// this replica and then stops it; a second Ctrl+C ends the parent, whose end closes this replica's input.
/// </summary>
internal static class ReplicaChild
{
    public static async Task<int> RunAsync(DemoCommandLine commandLine)
    {
        var replica = commandLine.Replica!;
        var scenario = commandLine.Scenarios[0];
        using var stop = new CancellationTokenSource();
        using var signals = ShutdownSignals.RegisterIgnoringInterrupt(stop);
        await using (var app = await CheckoutApp.StartAsync(scenario, commandLine.Settings.Schedule, commandLine.Settings.StateRoot, CancellationToken.None, replica: replica))
        {
            Console.Out.WriteLine(ReplicaProcess.ReadyPrefix + app.BaseAddress);
            Console.Out.Flush();

            var inputClosed = Task.Run(static () =>
            {
                while (Console.In.ReadLine() is not null)
                {
                }
            });
            var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = stop.Token.Register(() => signalled.TrySetResult());
            await Task.WhenAny(inputClosed, signalled.Task);
            await app.DisposeAsync(); // before the log is printed: a stop's last flush may have something to say

            foreach (var entry in app.Log.Entries)
            {
                Console.Out.WriteLine(ReplicaProcess.LogPrefix + entry.ReplaceLineEndings(" "));
            }
        }

        return 0;
    }
}
