using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class MiddlewareAllocationTests
{
    private const int Requests = 200;

    [Fact]
    public void InvokeAsync_GatedRequest_AllocatesOnlyTheFeatureAndTheEvaluationContextBeyondTheBarePipeline()
    {
        var bare = Build(gated: false, out _);
        var gated = Build(gated: true, out var services);

        // The meters recorded, as under an exporter: a listener on this container's instruments only (its meter factory
        // is the meters' scope), so the duration histogram's path with its cached tags is measured too. A bare
        // MeterListener, not MetricCollector<T>: the collector allocates per measurement, which this test would count.
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var recorded = 0L;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => recorded++);
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => recorded++);
        listener.Start();

        var bareBytes = AllocatedPerRequest(bare);
        var gatedBytes = AllocatedPerRequest(gated);

        // Two objects on 64-bit: the feature with its first assignment inline (128 bytes) and the evaluation context
        // (48 bytes). No tag list, counter key, enumerator or assignment array per request.
        Assert.InRange(gatedBytes - bareBytes, 0, 176);
        Assert.True(recorded >= Requests, $"the listener saw {recorded} measurements for {Requests} gated requests");
    }

    private static RequestDelegate Build(bool gated, out IServiceProvider provider)
    {
        var services = new ServiceCollection().AddLogging().AddRouting();
        services.AddSingleton(new DiagnosticListener("tests"));
        services.AddProgressiveDelivery(o =>
        {
            o.UnitHeaderName = "X-Unit";
            // A rollout in progress whose two arms both open the gate: every request is hashed into the split (a 100/0
            // split would skip the hash) and runs the endpoint.
            o.Flags(f => f.Flag("gate", b => b.Variants(("stable", true), ("canary", true)).DefaultSplit(("stable", 50), ("canary", 50))));
        });
        provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        app.UseRouting();
        app.UseProgressiveDelivery();
        app.UseEndpoints(endpoints =>
        {
            var endpoint = endpoints.MapGet("/x", static (HttpContext context) => context.Response.StatusCode = 204);
            if (gated)
            {
                endpoint.RequireFeature("gate");
            }
        });
        return app.Build();
    }

    private static double AllocatedPerRequest(RequestDelegate pipeline)
    {
        for (var i = 0; i < 50; i++)
        {
            Invoke(pipeline);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Requests; i++)
        {
            Invoke(pipeline);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Requests;
    }

    private static void Invoke(RequestDelegate pipeline)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/x";
        context.Request.Headers["X-Unit"] = "user-42";
        context.Response.Body = Stream.Null;
        var task = pipeline(context);
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(204, context.Response.StatusCode);
    }
}
