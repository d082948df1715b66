using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.AspNetCore;
using ProgressiveDelivery.AspNetCore;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>
/// Per-request cost of a gated minimal-API endpoint, in process: each pipeline (routing, middleware, endpoint) is
/// built once and invoked with a fresh <see cref="DefaultHttpContext"/> per request (a request-services scope created on
/// demand and disposed, as the host does), without a server, so the numbers are the pipelines' own cost.
/// <list type="bullet">
/// <item><c>Bare</c>: routing and the endpoint, no gate (the baseline).</item>
/// <item><c>ProgressiveDelivery</c>: <c>UseProgressiveDelivery</c> + <c>RequireFeature</c>, unit from a header, outcome
/// recorded, with a <see cref="MeterListener"/> attached to every ProgressiveDelivery instrument (meters enabled).</item>
/// <item><c>FeatureManagement</c>: Microsoft.FeatureManagement.AspNetCore 4.7.0's <c>WithFeatureGate</c> on the same endpoint.</item>
/// </list>
/// Every request passes its gate and runs the endpoint: ours is a rollout in progress (a 50/50 split of two arms that both
/// open the gate, so the unit is hashed), Microsoft.FeatureManagement's an always-on flag.
/// </summary>
[MemoryDiagnoser]
public class MiddlewareBenchmarks
{
    private const string Unit = "user-42-0123456789abcdef";

    private readonly List<IDisposable> _disposables = [];
    private RequestDelegate _bare = null!;
    private RequestDelegate _ours = null!;
    private RequestDelegate _featureManagement = null!;
    private IServiceScopeFactory _bareScopes = null!;
    private IServiceScopeFactory _ourScopes = null!;
    private IServiceScopeFactory _featureManagementScopes = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_bare, _bareScopes) = Build(static _ => { }, static app => { }, static endpoints => endpoints.MapGet("/checkout", static () => "ok"));

        (_ours, _ourScopes) = Build(
            static services => services.AddProgressiveDelivery(static o =>
            {
                o.UnitHeaderName = "X-Unit";
                // A rollout in progress whose two arms both open the gate: every request is hashed into the split.
                o.Flags(static f => f.Flag(
                    "new-checkout",
                    static b => b.Variants(("stable", true), ("canary", true)).DefaultSplit(("stable", 50), ("canary", 50))));
            }),
            static app => app.UseProgressiveDelivery(),
            static endpoints => endpoints.MapGet("/checkout", static () => "ok").RequireFeature("new-checkout"));

        (_featureManagement, _featureManagementScopes) = Build(
            static services =>
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["feature_management:feature_flags:0:id"] = "NewCheckout",
                    ["feature_management:feature_flags:0:enabled"] = "true",
                }).Build();
                services.AddSingleton<IConfiguration>(configuration);
                services.AddFeatureManagement();
            },
            static app => { },
            static endpoints => endpoints.MapGet("/checkout", static () => "ok").WithFeatureGate("NewCheckout"));

        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument.Meter.Name == ProgressiveDeliveryTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        listener.Start();
        _disposables.Add(listener);

        // Each pipeline must answer 200 before it is measured.
        foreach (var (pipeline, scopes) in new[] { (_bare, _bareScopes), (_ours, _ourScopes), (_featureManagement, _featureManagementScopes) })
        {
            var context = NewContext(scopes);
            pipeline(context).GetAwaiter().GetResult();
            if (context.Response.StatusCode != StatusCodes.Status200OK)
            {
                throw new InvalidOperationException($"A pipeline answered {context.Response.StatusCode}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public Task Bare() => Invoke(_bare, _bareScopes);

    [Benchmark]
    public Task ProgressiveDelivery() => Invoke(_ours, _ourScopes);

    [Benchmark]
    public Task FeatureManagement() => Invoke(_featureManagement, _featureManagementScopes);

    private static async Task Invoke(RequestDelegate pipeline, IServiceScopeFactory scopes)
    {
        var context = NewContext(scopes);
        await pipeline(context);
        if (context.Features.Get<IServiceProvidersFeature>() is IAsyncDisposable requestServices)
        {
            await requestServices.DisposeAsync();
        }
    }

    private static DefaultHttpContext NewContext(IServiceScopeFactory scopes)
    {
        var context = new DefaultHttpContext { ServiceScopeFactory = scopes };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/checkout";
        context.Request.Headers["X-Unit"] = Unit;
        context.Response.Body = Stream.Null;
        return context;
    }

    private (RequestDelegate Pipeline, IServiceScopeFactory Scopes) Build(
        Action<IServiceCollection> configureServices,
        Action<IApplicationBuilder> configureMiddleware,
        Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder> mapEndpoints)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRouting();
        services.AddSingleton(new DiagnosticListener("ProgressiveDelivery.Benchmarks"));
        configureServices(services);
        var provider = services.BuildServiceProvider();
        _disposables.Add(provider);
        var app = new ApplicationBuilder(provider);
        app.UseRouting();
        configureMiddleware(app);
        app.UseEndpoints(mapEndpoints);
        return (app.Build(), provider.GetRequiredService<IServiceScopeFactory>());
    }
}
