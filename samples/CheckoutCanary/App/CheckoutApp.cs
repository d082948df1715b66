using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.Fleet;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;

namespace CheckoutCanary.App;

/// <summary>
/// The shop: a real ASP.NET Core app on Kestrel (127.0.0.1, a free port) whose <c>GET /checkout</c> has a stable and a
/// canary implementation behind the <c>checkout</c> flag, rolled out by <c>checkout-v2</c> (appsettings.json).
/// </summary>
internal sealed class CheckoutApp : IAsyncDisposable
{
    public const string AdminPrefix = "/progressive-delivery";

    private readonly WebApplication _app;
    private int _disposed;

    private CheckoutApp(WebApplication app, CheckoutBehavior behavior, CapturedLog log)
    {
        _app = app;
        Behavior = behavior;
        Log = log;
    }

    public CheckoutBehavior Behavior { get; }

    public CapturedLog Log { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public RolloutManager Rollouts => _app.Services.GetRequiredService<RolloutManager>();

    public AuditLog Audit => _app.Services.GetRequiredService<AuditLog>();

    /// <summary>
    /// Builds and starts the app; the rollout is loaded (from the file store under <paramref name="stateDirectory"/>, or in
    /// fleet mode from <paramref name="replica"/>'s PostgreSQL schema) before it listens. <paramref name="telemetry"/> adds
    /// the OpenTelemetry SDK with an exporter (<c>--otel</c>). <paramref name="signIn"/> (<c>--interactive</c>) maps the
    /// browser sign-in with its code; without it there is none.
    /// </summary>
    public static async Task<CheckoutApp> StartAsync(
        Scenario scenario, DemoSchedule schedule, string stateDirectory, CancellationToken cancellationToken,
        TelemetryExport telemetry = TelemetryExport.None, ReplicaOptions? replica = null, BrowserSignIn? signIn = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });

        // appsettings.json holds the flag and the rollout; the schedule may shorten the plan, and the state lives
        // where the demo says (a folder it cleans before each scenario).
        builder.Configuration.AddInMemoryCollection(schedule.ConfigurationOverrides().Append(
            new KeyValuePair<string, string?>("ProgressiveDelivery:RolloutStateDirectory", stateDirectory)));
        // Port 0: Kestrel binds a free port itself (the address is read back below), so nothing can take it in between.
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var log = new CapturedLog();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);

        var behavior = new CheckoutBehavior(scenario.CanaryErrorRate, scenario.CanaryLatencyFactor);
        builder.Services.AddSingleton(behavior);
        // The process handles Ctrl+C and SIGTERM (ShutdownSignals); this app must not take them for itself.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();

        // Release managers sign in with the bearer header (curl, the keys) or the browser sign-in's cookie (the dashboard).
        builder.Services.AddAuthentication(DemoAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, null)
            .AddCookie(BrowserSignIn.CookieScheme, BrowserSignIn.ConfigureCookie);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider(); // cookies die with the run; no keys on disk
        builder.Services.AddAuthorization(o => o.AddPolicy("release-managers", p => p
            .AddAuthenticationSchemes(DemoAuthenticationHandler.SchemeName, BrowserSignIn.CookieScheme)
            .RequireRole(DemoAuthenticationHandler.ReleaseManagerRole)));
        builder.Services.AddProgressiveDelivery();
        if (replica is not null)
        {
            // Fleet mode: the two lines of the PostgreSql package's README, with this replica's schema, id and timings.
            builder.Services.AddProgressiveDeliveryPostgreSql(replica.ConnectionString, replica.Configure);
        }

        TelemetrySetup.Add(builder, telemetry);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseProgressiveDelivery();

        app.MapVariants("/checkout", DemoSchedule.FlagKey, v => v
            .Variant("stable", behavior.StableAsync)
            .Variant("canary", behavior.CanaryAsync)
            .ForMethods("GET"));
        app.MapGet("/catalog", () => Results.Text("42 products"));
        app.MapProgressiveDeliveryAdmin(AdminPrefix);
        if (signIn is not null)
        {
            app.MapGet(BrowserSignIn.Path, signIn.SignInAsync);
        }

        TelemetrySetup.Map(app, telemetry);

        var started = new CheckoutApp(app, behavior, log);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        started.BaseAddress = new Uri(address + "/");
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
    }
}
