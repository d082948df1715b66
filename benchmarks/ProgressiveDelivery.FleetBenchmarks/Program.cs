using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

namespace ProgressiveDelivery.FleetBenchmarks;

/// <summary>
/// Fleet mode measured on a PostgreSQL server this program starts (and removes): propagation of changes to every
/// replica, graceful hand-over, flush cost, and one replica's request path against the file store's (BenchmarkDotNet,
/// ratio in the same run). Usage: <c>dotnet run -c Release --project benchmarks/ProgressiveDelivery.FleetBenchmarks --
/// [--changes 1000] [--requests-only] [--out report.md]</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var changes = 1000;
        var requestsOnly = false;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--changes" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    changes = n;
                    i++;
                    break;
                case "--requests-only":
                    requestsOnly = true; // only the request-path benchmark (BenchmarkDotNet, longer job)
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown or incomplete argument '{args[i]}'. Usage: [--changes N] [--requests-only] [--out FILE]");
                    return 2;
            }
        }

        if (PostgresBinaries.Directory is null)
        {
            await Console.Error.WriteLineAsync(PostgresBinaries.MissingReason);
            return 1;
        }

        var server = new PostgresServer();
        await server.InitializeAsync();
        try
        {
            var report = new FleetReport(server.ConnectionString);
            if (!requestsOnly)
            {
                await report.MeasurePropagationAsync(changes);
                await report.MeasureHandOverAsync(20);
                await report.MeasureFlushAsync(200);
            }

            RequestPathBenchmarks.ConnectionString = server.ConnectionString;
            var config = ManualConfig.CreateMinimumViable()
                .AddJob((requestsOnly ? Job.MediumRun : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance))
                .WithOptions(ConfigOptions.DisableOptimizationsValidator);
            var summary = BenchmarkRunner.Run<RequestPathBenchmarks>(config);
            report.AddRequestPath(summary);

            var text = report.ToMarkdown(args);
            Console.WriteLine(text);
            if (output is not null)
            {
                await File.WriteAllTextAsync(output, text);
            }

            return 0;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
