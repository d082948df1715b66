using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using static ProgressiveDelivery.AspNetCore.Tests.Infrastructure.RolloutTestApp;

namespace ProgressiveDelivery.AspNetCore.Tests;

/// <summary>The cross-site request forgery defence of the admin commands: same origin only, JSON only.</summary>
public sealed class AdminEndpointsSecurityTests
{
    private const string Path = "/pd/rollouts/checkout-v2/pause";

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "reason=pwned")]
    [InlineData("text/plain", """{"reason": "pwned"}""")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\npwned\r\n--x--\r\n")]
    public async Task Command_CrossSiteFormShapedPost_Gets403AndChangesNothing(string contentType, string body)
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);
        await app.TickAsync(clock);
        var before = await SnapshotAsync(app);
        var request = Admin(HttpMethod.Post, Path); // the victim's credentials ride along, as a cookie would
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("null", null)]
    [InlineData("http://localhost:8080", null)]
    [InlineData("https://localhost", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    [InlineData("http://localhost", "same-site")]
    public async Task Command_JsonFromAnotherOrigin_Gets403(string? origin, string? fetchSite)
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);
        await app.TickAsync(clock);
        var before = await SnapshotAsync(app);

        var response = await app.Client.SendAsync(Request(origin, fetchSite));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("same origin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory]
    [InlineData(null, null)]          // curl, scripts: no ambient browser credentials
    [InlineData("http://localhost", null)]
    [InlineData("http://localhost", "same-origin")]
    [InlineData(null, "none")]        // typed into the address bar / a bookmark
    public async Task Command_SameOriginOrNonBrowserJson_Runs(string? origin, string? fetchSite)
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);
        await app.TickAsync(clock);

        var response = await app.Client.SendAsync(Request(origin, fetchSite));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("paused", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Command_SameOriginButNotJson_Gets415NamingTheType(string? contentType)
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);
        await app.TickAsync(clock);
        var before = await SnapshotAsync(app);
        var request = Admin(HttpMethod.Post, Path);
        if (contentType is not null)
        {
            request.Content = new StringContent("""{"reason": "x"}""", Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    private static HttpRequestMessage Request(string? origin, string? fetchSite)
    {
        var request = Admin(HttpMethod.Post, Path, new { reason = "x" });
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private static async Task<string> SnapshotAsync(TestApp app)
    {
        var state = app.Services.GetRequiredService<RolloutManager>().GetRollout("checkout-v2")!.State.ToString();
        var audit = await app.Services.GetRequiredService<AuditLog>().ReadAsync("checkout-v2", 1, default);
        return state + " / " + audit.Count + " audit entries";
    }
}
