using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class MvcAndVariantRoutingTests
{
    private static Task<TestApp> StartAsync(bool kestrel = false) =>
        TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(TestFlags.AppSettings);
                builder.Services.AddControllers().AddApplicationPart(typeof(GatedController).Assembly);
                builder.Services.AddProgressiveDelivery();
            },
            app =>
            {
                app.UseProgressiveDelivery();
                app.MapControllers();
                app.MapVariants("/checkout", "checkout", v => v
                    .Variant("treatment", static (HttpContext c) => c.Response.WriteAsync("new checkout"))
                    .Variant("control", () => "old checkout")
                    .ForMethods("GET"));
                app.MapVariants("/partial", "checkout", v => v.Variant("treatment", () => "new only"));
                app.MapVariants("/otherwise", "checkout", v => v.Variant("treatment", () => "new").Otherwise(() => "fallback"));
            },
            kestrel);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FeatureGate_OnController_GatesEveryAction(bool kestrel)
    {
        await using var app = await StartAsync(kestrel);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Requests.Get("/mvc/beta", "alice"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Requests.Get("/mvc/beta", "bob"))).StatusCode);
    }

    [Fact]
    public async Task FeatureGate_OnActionWithVariant_AddsToTheControllerGate()
    {
        await using var app = await StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Requests.Get("/mvc/treatment", "alice"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Requests.Get("/mvc/open", "t1"))).StatusCode);
        Assert.Equal("treatment", await (await app.Client.SendAsync(Requests.Get("/mvc/open", "t1"))).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MapVariants_ServesTheHandlerOfTheUnitsVariant(bool kestrel)
    {
        await using var app = await StartAsync(kestrel);

        Assert.Equal("new checkout", await (await app.Client.SendAsync(Requests.Get("/checkout", "t1"))).Content.ReadAsStringAsync());
        Assert.Equal("old checkout", await (await app.Client.SendAsync(Requests.Get("/checkout", "t2"))).Content.ReadAsStringAsync());
        var post = Requests.Get("/checkout", "t1");
        post.Method = System.Net.Http.HttpMethod.Post;
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await app.Client.SendAsync(post)).StatusCode);
    }

    [Fact]
    public async Task MapVariants_UnmappedVariant_GetsOtherwiseOrTheClosedGateAnswer()
    {
        await using var app = await StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Requests.Get("/partial", "t2"))).StatusCode);
        Assert.Equal("fallback", await (await app.Client.SendAsync(Requests.Get("/otherwise", "t2"))).Content.ReadAsStringAsync());
    }

    [Fact]
    public void MapVariants_InvalidArguments_Throw()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        Assert.Throws<System.ArgumentNullException>(() => app.MapVariants(null!, "f", v => v.Variant("a", () => "a")));
        Assert.Throws<System.ArgumentException>(() => app.MapVariants("/x", "", v => v.Variant("a", () => "a")));
        Assert.Throws<System.ArgumentException>(() => app.MapVariants("/x", "f", _ => { }));
        Assert.Throws<System.ArgumentException>(() => app.MapVariants("/x", "f", v => v.Variant("a", () => "a").Variant("a", () => "b")));
        Assert.Throws<System.ArgumentNullException>(() => ((IEndpointConventionBuilder)null!).RequireFeature("f"));
        Assert.Throws<System.ArgumentException>(() => app.MapGet("/y", () => "y").RequireFeature(""));
        Assert.Throws<System.ArgumentNullException>(() => ((IApplicationBuilder)null!).UseProgressiveDelivery());
        Assert.Throws<System.InvalidOperationException>(() => app.UseProgressiveDelivery());
        Assert.Throws<System.ArgumentException>(() => app.MapGet("/z", () => "z").RequireFeature("f", ""));
        Assert.Throws<System.ArgumentNullException>(() => new FeatureGateAttribute(null!));
        Assert.Throws<System.ArgumentNullException>(() => ((HttpContext)null!).GetProgressiveDelivery());
        Assert.Throws<System.InvalidOperationException>(() => new DefaultHttpContext { RequestServices = app.Services }.GetProgressiveDelivery());
        Assert.Throws<System.ArgumentNullException>(() => new ProgressiveDeliveryOptions().Flags(null!));
    }
}

/// <summary>A controller gated on <c>beta</c>, with one action further gated on a variant.</summary>
[ApiController]
[Route("mvc")]
[FeatureGate("beta")]
public sealed class GatedController : ControllerBase
{
    [HttpGet("beta")]
    public string Beta() => "beta";

    [HttpGet("treatment")]
    [FeatureGate("checkout", "treatment")]
    public string Treatment() => "treatment";
}

/// <summary>An ungated controller that reads the assignment of a variant gate.</summary>
[ApiController]
[Route("mvc")]
public sealed class VariantController : ControllerBase
{
    [HttpGet("open")]
    [FeatureGate("checkout", "treatment")]
    public string Open() => HttpContext.Features.Get<IProgressiveDeliveryFeature>()!.GetVariant("checkout")!;
}
