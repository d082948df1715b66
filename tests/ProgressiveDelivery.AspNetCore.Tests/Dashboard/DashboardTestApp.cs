using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Tests.Dashboard;

/// <summary>
/// A Kestrel app on 127.0.0.1 with two rollouts for the dashboard: <c>checkout-v2</c> (bakes of 5 minutes, so it steps
/// from 20% to 50% on a healthy canary, then rolls back when <see cref="CanaryBroken"/>) and <c>search-v2</c> (long
/// bakes: it stays progressing until someone pauses it). Each request advances the manual clock by its "latency"
/// (a broken canary is slower and fails 3 requests in 4), so the middleware measures durations; the judge sees real error and latency data.
/// </summary>
internal sealed class DashboardTestApp(TestApp app, FakeTimeProvider clock) : IAsyncDisposable
{
    /// <summary>Markup in a flag description; the dashboard must show it as text.</summary>
    public const string InjectedDescription = "<img src=x onerror=\"window.__pwned=1\"> The new checkout";

    public const string Definitions = """
        {
          "ProgressiveDelivery": {
            "UnitHeaderName": "X-Unit",
            "MeasuredFlags": [ "checkout", "search" ],
            "AdminPolicy": "admin",
            "flags": {
              "checkout": {
                "description": "<img src=x onerror=\"window.__pwned=1\"> The new checkout",
                "owner": "payments-team", "expires": "2026-02-28",
                "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old"
              },
              "search": {
                "description": "Neural ranking for search results", "owner": "search-team",
                "variants": { "bm25": "bm25", "neural": "neural" }, "defaultVariant": "bm25",
                "rules": [ { "name": "beta testers", "conditions": [ { "attribute": "tier", "operator": "equals", "value": "beta" } ], "variant": "neural" } ]
              },
              "dark-mode": { "description": "Dark theme", "owner": "web", "defaultSplit": { "on": 30, "off": 70 } }
            },
            "rollouts": {
              "checkout-v2": {
                "flag": "checkout", "stableVariant": "old", "canaryVariant": "new",
                "plan": { "steps": [ { "setWeight": 20 }, { "bake": "00:05:00" }, { "setWeight": 50 }, { "bake": "00:05:00" } ] }
              },
              "search-v2": {
                "flag": "search", "stableVariant": "bm25", "canaryVariant": "neural",
                "plan": { "steps": [ { "setWeight": 25 }, { "bake": "02:00:00" }, { "setWeight": 50 }, { "bake": "02:00:00" } ] }
              }
            }
          }
        }
        """;

    private int _unit;

    public FakeTimeProvider Clock { get; } = clock;

    public TestApp App { get; } = app;

    public Uri BaseAddress => App.Client.BaseAddress!;

    /// <summary>Whether the checkout canary answers 500.</summary>
    public bool CanaryBroken { get; set; }

    /// <summary>Starts the app on <paramref name="store"/> and <paramref name="auditLog"/> (fresh in-memory ones by default).</summary>
    public static async Task<DashboardTestApp> StartAsync(FakeTimeProvider? clock = null, RolloutStore? store = null, AuditLog? auditLog = null)
    {
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        DashboardTestApp? self = null;
        var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(Definitions);
                builder.Configuration.AddJsonText("""{ "feature_management": { "feature_flags": [ { "id": "legacy-banner", "enabled": true } ] } }""");
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton(store ?? new InMemoryRolloutStore(clock));
                builder.Services.AddSingleton(auditLog ?? new InMemoryAuditLog(clock));
                builder.Services.AddAuthentication(TestAuthHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                builder.Services.AddAuthorization(o => o.AddPolicy(RolloutTestApp.AdminPolicy, p => p.RequireRole("admin")));
                builder.Services.AddProgressiveDelivery(o => o.ReadFeatureManagementConfiguration()); // a feature shown beside the flags
            },
            web =>
            {
                web.UseAuthentication();
                web.UseAuthorization();
                web.UseProgressiveDelivery();
                web.MapGet("/checkout", (HttpContext context) => self!.Serve(context, "checkout", "new"));
                web.MapGet("/search", (HttpContext context) => self!.Serve(context, "search", "neural"));
                web.MapProgressiveDeliveryAdmin("/pd");
            },
            kestrel: true);
        self = new DashboardTestApp(app, clock);
        return self;
    }

    /// <summary>Sends <paramref name="count"/> requests to each of checkout and search from rotating units.</summary>
    public async Task TrafficAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var unit = "u" + (_unit++ % 5_000);
            foreach (var path in new[] { "/checkout", "/search" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Unit", unit);
                using var response = await App.Client.SendAsync(request);
            }
        }
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private IResult Serve(HttpContext context, string flag, string canary)
    {
        var variant = context.GetProgressiveDelivery().GetVariant(flag);
        var onCanary = variant == canary;
        var jitter = (_unit * 7919 % 40) - 20; // deterministic spread of ±20 ms
        var broken = CanaryBroken && onCanary && flag == "checkout";
        Clock.Advance(TimeSpan.FromMilliseconds((broken ? 90 : 50) + jitter));
        var fails = broken ? _unit % 4 != 0 : _unit % 100 == (onCanary ? 0 : 1);
        return fails ? Results.StatusCode(500) : Results.Text(variant ?? "none");
    }
}
