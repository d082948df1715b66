using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using static ProgressiveDelivery.AspNetCore.Tests.Infrastructure.RolloutTestApp;

namespace ProgressiveDelivery.AspNetCore.Tests;

/// <summary>The dashboard as HTTP: served under the admin prefix and policy, self-contained, with its security headers.</summary>
public sealed class DashboardTests
{
    [Theory]
    [InlineData("/pd/dashboard", "text/html")]
    [InlineData("/pd/dashboard.js", "text/javascript")]
    [InlineData("/pd/dashboard-charts.js", "text/javascript")]
    [InlineData("/pd/dashboard.css", "text/css")]
    public async Task Dashboard_Assets_AreServedFromTheAssemblyWithCspAndNoFraming(string path, string mediaType)
    {
        await using var app = await StartAsync(new FakeTimeProvider());

        var response = await app.Client.SendAsync(Admin(HttpMethod.Get, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));

        // Self-contained: nothing is loaded from another host (the SVG namespace is a name, not a fetch).
        var text = (await response.Content.ReadAsStringAsync()).Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);

        // Strings reach the page as text only: no HTML parsing of data anywhere in the scripts, no inline script or style.
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "style=\"", "<script>" })
        {
            Assert.DoesNotContain(sink, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dashboard_AnonymousCaller_Gets401LikeTheRestOfTheAdminSurface()
    {
        await using var app = await StartAsync(new FakeTimeProvider());

        var response = await app.Client.GetAsync("/pd/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_TurnedOff_IsNotMappedButTheJsonApiIs()
    {
        await using var app = await TestApp.StartAsync(
            builder => builder.Services.AddProgressiveDelivery(o => { o.AllowAnonymousAdmin = true; o.EnableDashboard = false; }),
            app => app.MapProgressiveDeliveryAdmin("/pd"));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/pd/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/pd/dashboard.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/pd/rollouts")).StatusCode);
    }
}
