using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class GatingTests
{
    private static Task<TestApp> StartAsync(bool kestrel = false, System.Action<ProgressiveDeliveryOptions>? configure = null) =>
        TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(TestFlags.AppSettings);
                builder.Services.AddProgressiveDelivery(options => configure?.Invoke(options));
            },
            app =>
            {
                app.UseProgressiveDelivery();
                app.MapGet("/on", () => "on").RequireFeature("on-flag");
                app.MapGet("/off", () => "off").RequireFeature("off-flag");
                app.MapGet("/disabled", () => "disabled").RequireFeature("disabled-flag");
                app.MapGet("/beta", () => "beta").RequireFeature("beta");
                app.MapGet("/treatment", () => "treatment").RequireFeature("checkout", "treatment");
                app.MapGet("/missing", () => "missing").RequireFeature("no-such-flag");
                app.MapGet("/two", () => "two").RequireFeature("on-flag").RequireFeature("beta");
                var group = app.MapGroup("/group").RequireFeature("beta");
                group.MapGet("/inner", () => "inner");
                app.MapGet("/open", () => "open");
            },
            kestrel);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RequireFeature_ByVariant_Returns200Or404(bool kestrel)
    {
        await using var app = await StartAsync(kestrel);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/on")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/off")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/disabled")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/missing")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/open")).StatusCode);
        Assert.Equal("on", await app.Client.GetStringAsync("/on"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RequireFeature_UnitFromHeader_OpensOnlyForTargetedUnits(bool kestrel)
    {
        await using var app = await StartAsync(kestrel);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Get("/beta", "alice"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Get("/beta", "bob"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Get("/treatment", "t1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Get("/treatment", "t2"))).StatusCode);
    }

    [Fact]
    public async Task RequireFeature_OnGroupAndEndpoint_AllGatesMustBeOpen()
    {
        await using var app = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Get("/group/inner", "u1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Get("/group/inner", "u2"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Get("/two", "alice"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Get("/two", "bob"))).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Assignments_AfterTheMiddlewareReturns_StayReadableByOuterMiddleware(bool kestrel)
    {
        // An outer middleware (request logging, say) reads the request's assignments once the pipeline has run: it
        // must see this request's own gates, whether one (stored inline) or two (stored in an array).
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(TestFlags.AppSettings);
                builder.Services.AddProgressiveDelivery();
            },
            app =>
            {
                app.Use(async (context, next) =>
                {
                    await next(context);
                    var assignments = context.Features.Get<IProgressiveDeliveryFeature>()?.Assignments.ToArray() ?? [];
                    seen.Enqueue(context.Request.Path + ":" + string.Join(",", System.Linq.Enumerable.Select(assignments, a => a.FlagKey + "=" + a.Variant)));
                });
                app.UseProgressiveDelivery();
                app.MapGet("/on", () => "on").RequireFeature("on-flag");
                app.MapGet("/two", () => "two").RequireFeature("on-flag").RequireFeature("beta");
                app.MapGet("/open", () => "open");
            },
            kestrel);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Get("/on", "alice"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Get("/two", "alice"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Get("/two", "bob"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Get("/open", "alice"))).StatusCode);

        Assert.Equal(new[] { "/on:on-flag=on", "/two:on-flag=on,beta=on", "/two:on-flag=on,beta=off", "/open:" }, seen.ToArray());
    }

    [Fact]
    public async Task ClosedGate_Forbidden_Returns403()
    {
        await using var app = await StartAsync(configure: o => o.ClosedGate = ClosedGateBehavior.Forbidden);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client.GetAsync("/off")).StatusCode);
    }

    [Fact]
    public async Task ClosedGate_Redirect_RedirectsToTheUrl()
    {
        await using var app = await StartAsync(kestrel: true, configure: o =>
        {
            o.ClosedGate = ClosedGateBehavior.Redirect;
            o.ClosedGateRedirectUrl = "/open";
        });

        var response = await app.Client.GetAsync("/off");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/open", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ClosedGate_Fallback_RunsTheFallback()
    {
        await using var app = await StartAsync(configure: o =>
        {
            o.ClosedGate = ClosedGateBehavior.Fallback;
            o.ClosedGateFallback = static context => context.Response.WriteAsync("fallback");
        });

        var response = await app.Client.GetAsync("/off");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fallback", await response.Content.ReadAsStringAsync());
    }

    private static System.Net.Http.HttpRequestMessage Get(string path, string unit) => Requests.Get(path, unit);
}
