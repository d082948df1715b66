using System;
using System.Diagnostics;
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
        var bare = Build(gated: false);
        var gated = Build(gated: true);

        var bareBytes = AllocatedPerRequest(bare);
        var gatedBytes = AllocatedPerRequest(gated);

        // Two objects on 64-bit: the feature with its first assignment inline (128 bytes) and the evaluation context
        // (48 bytes). No tag list, counter key, enumerator or assignment array per request.
        Assert.InRange(gatedBytes - bareBytes, 0, 176);
    }

    private static RequestDelegate Build(bool gated)
    {
        var services = new ServiceCollection().AddLogging().AddRouting();
        services.AddSingleton(new DiagnosticListener("tests"));
        services.AddProgressiveDelivery(o =>
        {
            o.UnitHeaderName = "X-Unit";
            o.Flags(f => f.Flag("gate", b => b.BooleanVariants().DefaultSplit(("on", 100), ("off", 0))));
        });
        var app = new ApplicationBuilder(services.BuildServiceProvider());
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
