using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class UnitResolutionTests
{
    private static Task<TestApp> StartAsync(bool kestrel = false, string baseAddress = "http://localhost/") =>
        TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(TestFlags.AppSettings);
                builder.Services.AddAuthentication(TestAuthHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                builder.Services.AddAuthorization();
                builder.Services.AddProgressiveDelivery(o => o.ClaimAttributes["role"] = System.Security.Claims.ClaimTypes.Role);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseProgressiveDelivery();
                app.MapGet("/half", static (HttpContext context) =>
                {
                    var feature = context.Features.Get<IProgressiveDeliveryFeature>()!;
                    var roles = feature.Context.TryGetString("role", out var role) ? role : "-";
                    return $"{feature.UnitId}|{feature.GetVariant("half")}|{roles}";
                }).RequireFeature("on-flag");
                app.MapGet("/open", static (HttpContext context) => context.Features.Get<IProgressiveDeliveryFeature>() is null ? "none" : "feature");
                app.MapGet("/lazy", static (HttpContext context) => context.GetProgressiveDelivery().GetVariant("checkout") ?? "-");
            },
            kestrel,
            baseAddress);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cookie_AnonymousUser_KeepsItsVariantAcrossRequests(bool kestrel)
    {
        await using var app = await StartAsync(kestrel);

        var first = await app.Client.GetAsync("/half");
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        var body = await first.Content.ReadAsStringAsync();
        var unit = body.Split('|')[0];
        Assert.StartsWith(".ProgressiveDelivery.Unit=" + unit + ";", setCookie, System.StringComparison.Ordinal);
        Assert.Equal(32, unit.Length);
        Assert.Contains("httponly", setCookie, System.StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, System.StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, System.StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", setCookie, System.StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, System.StringComparison.OrdinalIgnoreCase);

        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/half");
            request.Headers.Add("Cookie", ".ProgressiveDelivery.Unit=" + unit);
            var again = await app.Client.SendAsync(request);
            Assert.Equal(body, await again.Content.ReadAsStringAsync());
            Assert.False(again.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task Cookie_OverHttps_IsSecure()
    {
        await using var app = await StartAsync(baseAddress: "https://localhost/");

        var response = await app.Client.GetAsync("/half");

        Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cookie_EndpointWithoutGate_IsNotSetAndNoFeature()
    {
        await using var app = await StartAsync(kestrel: true);

        var response = await app.Client.GetAsync("/open");

        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Cookie_TamperedValue_IsReplaced()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/half");
        request.Headers.Add("Cookie", ".ProgressiveDelivery.Unit=<script>");

        var response = await app.Client.SendAsync(request);

        Assert.True(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_FromClaim_WinsOverHeaderAndCookie_AndClaimAttributesAreSet()
    {
        await using var app = await StartAsync();
        using var request = Requests.Get("/half", "header-unit");
        request.Headers.Add("X-Test-User", "claim-unit");
        request.Headers.Add("X-Test-Role", "tester");

        var response = await app.Client.SendAsync(request);

        Assert.StartsWith("claim-unit|", await response.Content.ReadAsStringAsync(), System.StringComparison.Ordinal);
        Assert.EndsWith("|tester", await response.Content.ReadAsStringAsync(), System.StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Unit_FromHeader_IsUsedWithoutCookie()
    {
        await using var app = await StartAsync(kestrel: true);

        var response = await app.Client.SendAsync(Requests.Get("/half", "device-7"));

        Assert.StartsWith("device-7|", await response.Content.ReadAsStringAsync(), System.StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task GetProgressiveDelivery_UngatedEndpoint_EvaluatesOnDemand()
    {
        await using var app = await StartAsync();

        Assert.Equal("treatment", await (await app.Client.SendAsync(Requests.Get("/lazy", "t1"))).Content.ReadAsStringAsync());
        Assert.Equal("control", await (await app.Client.SendAsync(Requests.Get("/lazy", "t2"))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cookie_ManyAnonymousUsers_GetBothVariantsOfASplit()
    {
        await using var app = await StartAsync();
        var variants = new System.Collections.Generic.HashSet<string>();

        for (var i = 0; i < 40 && variants.Count < 2; i++)
        {
            variants.Add((await app.Client.GetStringAsync("/half")).Split('|')[1]);
        }

        Assert.Equal(new[] { "off", "on" }, variants.Order().ToArray());
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/half")).StatusCode);
    }
}
