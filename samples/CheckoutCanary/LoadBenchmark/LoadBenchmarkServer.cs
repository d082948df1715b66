using System;
using System.Net;
using System.Runtime;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ProgressiveDelivery.AspNetCore;

namespace CheckoutCanary.LoadBenchmark;

/// <summary>
/// The server side of <c>benchmarks/load/run.sh</c>: <c>GET /checkout</c> on Kestrel at 127.0.0.1:port in one
/// configuration (<see cref="LoadBenchmarkConfiguration"/>). Hosted as in production: the default
/// <see cref="WebApplication"/> builder, Production environment, no per-request logging (warnings and errors only), the
/// Web SDK's GC settings (server GC, concurrent). Configuration is the benchmark's own, not the demo's appsettings, so
/// the numbers do not move when the demo's settings do. On shutdown it prints the aggregated meter points.
/// </summary>
internal static class LoadBenchmarkServer
{
    /// <summary>ASP.NET Core's meters (hosting, routing, Kestrel, ...), the ones OpenTelemetry's ASP.NET Core instrumentation enables.</summary>
    private const string AspNetCoreMeterPrefix = "Microsoft.AspNetCore.";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!LoadBenchmarkArguments.TryParse(args, out var parsed, out var error))
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        var configuration = parsed!.Configuration;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, parsed.Port));

        MeterAggregator? meters = null;
        switch (configuration)
        {
            case LoadBenchmarkConfiguration.Bare:
                break;
            case LoadBenchmarkConfiguration.BareAspNetCoreMetrics:
                meters = new MeterAggregator(static name => name.StartsWith(AspNetCoreMeterPrefix, StringComparison.Ordinal));
                break;
            case LoadBenchmarkConfiguration.FeatureManagement:
                FeatureManagementSetup.AddServices(builder.Services, builder.Configuration);
                break;
            default:
                ProgressiveDeliverySetup.AddServices(builder.Services, configuration);
                if (configuration != LoadBenchmarkConfiguration.OursUnmetered)
                {
                    meters = new MeterAggregator(static name => name == ProgressiveDeliveryTelemetry.MeterName);
                }

                break;
        }

        await using var app = builder.Build();
        switch (configuration)
        {
            case LoadBenchmarkConfiguration.Bare or LoadBenchmarkConfiguration.BareAspNetCoreMetrics:
                app.MapGet(CheckoutEndpoint.Path, CheckoutEndpoint.Handle);
                break;
            case LoadBenchmarkConfiguration.FeatureManagement:
                FeatureManagementSetup.Map(app);
                break;
            default:
                ProgressiveDeliverySetup.Map(app, configuration);
                break;
        }

        Console.WriteLine(
            $"load-benchmark-server {configuration} on http://127.0.0.1:{parsed.Port}{CheckoutEndpoint.Path} " +
            $"(server GC {GCSettings.IsServerGC}, concurrent {GCSettings.LatencyMode != GCLatencyMode.Batch}, " +
            $"{Environment.ProcessorCount} processors, .NET {Environment.Version})");
        await app.RunAsync();

        using (meters)
        {
            meters?.WriteSummary(Console.Out);
        }

        return 0;
    }
}
