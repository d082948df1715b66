using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using static ProgressiveDelivery.AspNetCore.Tests.Infrastructure.RolloutTestApp;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class AdminEndpointsTests
{
    [Theory]
    [InlineData("GET", "/pd/rollouts")]
    [InlineData("GET", "/pd/flags")]
    [InlineData("POST", "/pd/rollouts/checkout-v2/pause")]
    public async Task Admin_AnonymousCaller_Gets401(string method, string path)
    {
        await using var app = await StartAsync(new FakeTimeProvider());

        var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { reason = "x" }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Admin_AuthenticatedCallerFailingThePolicy_Gets403()
    {
        await using var app = await StartAsync(new FakeTimeProvider());

        var response = await app.Client.SendAsync(Admin(HttpMethod.Get, "/pd/rollouts", role: "reader"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task MapProgressiveDeliveryAdmin_NoPolicyAndNoOptOut_FailsStartSayingHowToFixIt()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            builder => builder.Services.AddProgressiveDelivery(),
            app => app.MapProgressiveDeliveryAdmin("/pd")));

        Assert.Contains("AdminPolicy", exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAnonymousAdmin", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapProgressiveDeliveryAdmin_ExplicitOptOut_ServesAnonymousCallers()
    {
        await using var app = await TestApp.StartAsync(
            builder => builder.Services.AddProgressiveDelivery(o => o.AllowAnonymousAdmin = true),
            app => app.MapProgressiveDeliveryAdmin("/pd"));

        var response = await app.Client.GetAsync("/pd/rollouts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"rollouts":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void MapProgressiveDeliveryAdmin_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)null!).MapProgressiveDeliveryAdmin("/pd"));
    }

    [Fact]
    public async Task Admin_RolloutDrivenEndToEnd_ShowsStepsAndRunsCommandsWithTheActor()
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);

        await app.TickAsync(clock);
        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/checkout");
            request.Headers.Add("X-Unit", "u" + i);
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(request)).StatusCode);
        }

        var rollout = await GetJsonAsync(app, "/pd/rollouts/checkout-v2");
        Assert.Equal("progressing", rollout.GetProperty("status").GetString());
        Assert.Equal(10, rollout.GetProperty("weightPercent").GetDouble());
        var arms = rollout.GetProperty("arms");
        Assert.Equal(200, arms.GetProperty("baseline").GetProperty("exposures").GetInt64() + arms.GetProperty("canary").GetProperty("exposures").GetInt64());
        Assert.True(arms.GetProperty("canary").GetProperty("exposures").GetInt64() > 0);

        clock.Advance(TimeSpan.FromMinutes(1));
        await app.TickAsync(clock); // the bake ends: the pause step holds
        rollout = await GetJsonAsync(app, "/pd/rollouts/checkout-v2");
        Assert.Equal("paused", rollout.GetProperty("status").GetString());

        rollout = await CommandAsync(app, "resume", new { reason = "looks good" });
        Assert.Equal("progressing", rollout.GetProperty("status").GetString());
        Assert.Equal(50, rollout.GetProperty("weightPercent").GetDouble());

        rollout = await CommandAsync(app, "pause", new { reason = "lunch" });
        Assert.Equal("paused", rollout.GetProperty("status").GetString());
        rollout = await CommandAsync(app, "resume", new { reason = "back" });
        Assert.Equal("progressing", rollout.GetProperty("status").GetString());

        rollout = await CommandAsync(app, "promote", new { reason = "ship it", full = true });
        Assert.Equal("promoted", rollout.GetProperty("status").GetString());
        Assert.Equal(100, rollout.GetProperty("weightPercent").GetDouble());
        var flags = await GetJsonAsync(app, "/pd/flags");
        Assert.Equal(100, flags.GetProperty("splitOverrides").GetProperty("checkout").GetProperty("canaryPercent").GetDouble());
        Assert.True(flags.GetProperty("definitions").GetProperty("flags").TryGetProperty("checkout", out _));

        rollout = await CommandAsync(app, "abort", new { reason = "roll back everyone" }); // abort after promotion: instant rollback
        Assert.Equal("aborted", rollout.GetProperty("status").GetString());
        Assert.Equal(0, rollout.GetProperty("weightPercent").GetDouble());

        var conflict = await app.Client.SendAsync(Admin(HttpMethod.Post, "/pd/rollouts/checkout-v2/abort", new { reason = "again" }));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("abort", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("aborted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var history = await GetJsonAsync(app, "/pd/rollouts/checkout-v2/history");
        var points = history.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([10.0, 10.0, 50.0, 50.0, 50.0, 100.0, 0.0], points.Select(p => p.GetProperty("weightPercent").GetDouble()));
        Assert.Equal(["progressing", "paused", "progressing", "paused", "progressing", "promoted", "aborted"], points.Select(p => p.GetProperty("status").GetString()));

        var audit = await GetJsonAsync(app, "/pd/rollouts/checkout-v2/audit");
        var commands = audit.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("actor").GetString() == "alice").ToList();
        Assert.Equal(["looks good", "lunch", "back", "ship it", "roll back everyone"], commands.Select(e => e.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Admin_UnknownRollout_Gets404ProblemDetails()
    {
        await using var app = await StartAsync(new FakeTimeProvider());

        foreach (var request in new[]
        {
            Admin(HttpMethod.Get, "/pd/rollouts/nope"),
            Admin(HttpMethod.Get, "/pd/rollouts/nope/audit"),
            Admin(HttpMethod.Get, "/pd/rollouts/nope/history"),
            Admin(HttpMethod.Post, "/pd/rollouts/nope/pause", new { reason = "x" }),
        })
        {
            var response = await app.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"reason": ""}""")]
    [InlineData("""{"reason": 3}""")]
    [InlineData("""{"reason": "x", "full": "yes"}""")]
    [InlineData("not json")]
    public async Task Admin_CommandWithABadBody_Gets400ProblemDetails(string body)
    {
        var clock = new FakeTimeProvider();
        await using var app = await StartAsync(clock);
        await app.TickAsync(clock);
        var request = Admin(HttpMethod.Post, "/pd/rollouts/checkout-v2/pause");
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> GetJsonAsync(TestApp app, string path)
    {
        var response = await app.Client.SendAsync(Admin(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> CommandAsync(TestApp app, string command, object body)
    {
        var response = await app.Client.SendAsync(Admin(HttpMethod.Post, "/pd/rollouts/checkout-v2/" + command, body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, command + ": " + await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
