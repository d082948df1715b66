using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Internal;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>A host with a flag, a rollout on it, in-memory state, a manual clock, test authentication and the admin endpoints under <c>/pd</c>.</summary>
internal static class RolloutTestApp
{
    public const string AdminPolicy = "admin";

    /// <summary>10% at once, bake 1 minute, pause, 50%, bake 1 minute, then promoted; the judge matters at analysis steps only.</summary>
    public const string Definitions = """
        {
          "ProgressiveDelivery": {
            "UnitHeaderName": "X-Unit",
            "MeasuredFlags": [ "checkout" ],
            "AdminPolicy": "admin",
            "flags": { "checkout": { "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old" } },
            "rollouts": {
              "checkout-v2": {
                "flag": "checkout", "stableVariant": "old", "canaryVariant": "new",
                "plan": {
                  "backgroundAnalysis": false,
                  "steps": [ { "setWeight": 10 }, { "bake": "00:01:00" }, { "pause": true }, { "setWeight": 50 }, { "bake": "00:01:00" } ]
                }
              }
            }
          }
        }
        """;

    public static Task<TestApp> StartAsync(FakeTimeProvider clock, RolloutStore? store = null, string definitions = Definitions, AuditLog? audit = null) =>
        TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(definitions);
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton(store ?? new InMemoryRolloutStore(clock));
                builder.Services.AddSingleton(audit ?? new InMemoryAuditLog(clock));
                builder.Services.AddAuthentication(TestAuthHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                builder.Services.AddAuthorization(o => o.AddPolicy(AdminPolicy, p => p.RequireRole("admin")));
                builder.Services.AddProgressiveDelivery();
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseProgressiveDelivery();
                app.MapGet("/checkout", (HttpContext context) => context.GetProgressiveDelivery().GetVariant("checkout") ?? "none");
                app.MapProgressiveDeliveryAdmin("/pd");
            });

    /// <summary>Advances the clock by the tick interval and waits for the driver to finish that tick.</summary>
    public static async Task TickAsync(this TestApp app, FakeTimeProvider clock)
    {
        var driver = app.Services.GetRequiredService<RolloutDriver>();
        var before = driver.TickCount;
        clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => driver.TickCount > before);
    }

    public static HttpRequestMessage Admin(HttpMethod method, string path, object? body = null, string user = "alice", string role = "admin")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Test-User", user);
        request.Headers.Add("X-Test-Role", role);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
