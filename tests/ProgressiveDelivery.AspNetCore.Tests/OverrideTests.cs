using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class OverrideTests
{
    private static Task<TestApp> StartAsync(string? policy = "testers") =>
        TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText(TestFlags.AppSettings);
                builder.Services.AddAuthentication(TestAuthHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                builder.Services.AddAuthorization(o => o.AddPolicy("testers", p => p.RequireRole("tester")));
                builder.Services.AddProgressiveDelivery(o => o.OverridePolicy = policy);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseProgressiveDelivery();
                app.MapGet("/off", () => "off").RequireFeature("off-flag");
                app.MapGet("/treatment", () => "treatment").RequireFeature("checkout", "treatment");
            });

    private static System.Net.Http.HttpRequestMessage Override(string path, string value, string? role)
    {
        var request = Requests.Get(path, "someone");
        request.Headers.Add("X-Feature-Override", value);
        if (role is not null)
        {
            request.Headers.Add("X-Test-User", "tester-1");
            request.Headers.Add("X-Test-Role", role);
        }

        return request;
    }

    [Fact]
    public async Task Override_WithoutAuthorization_IsIgnoredAndCounted()
    {
        await using var app = await StartAsync();
        using var overrides = app.Collect<long>(ProgressiveDeliveryTelemetry.OverridesInstrument);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Override("/off", "off-flag=on", role: null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Override("/off", "off-flag=on", role: "customer"))).StatusCode);

        var counted = overrides.GetMeasurementSnapshot();
        Assert.Equal(2, counted.Count);
        Assert.All(counted, m => Assert.Equal("unauthorized", m.Tags[ProgressiveDeliveryTelemetry.OverrideResultTag]));
    }

    [Fact]
    public async Task Override_Authorized_IsHonoured()
    {
        await using var app = await StartAsync();
        using var overrides = app.Collect<long>(ProgressiveDeliveryTelemetry.OverridesInstrument);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Override("/off", "off-flag=on", "tester"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Override("/treatment", "off-flag=on, checkout=treatment", "tester"))).StatusCode);

        var counted = overrides.GetMeasurementSnapshot();
        Assert.Equal(2, counted.Count);
        Assert.All(counted, m => Assert.Equal("applied", m.Tags[ProgressiveDeliveryTelemetry.OverrideResultTag]));
    }

    [Fact]
    public async Task Override_Malformed_IsIgnoredNeverAnErrorPage()
    {
        await using var app = await StartAsync();
        using var overrides = app.Collect<long>(ProgressiveDeliveryTelemetry.OverridesInstrument);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Override("/off", "off-flag=nope", "tester"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Override("/off", "===,", "tester"))).StatusCode);

        var counted = overrides.GetMeasurementSnapshot();
        Assert.Equal(2, counted.Count);
        Assert.All(counted, m => Assert.Equal("invalid", m.Tags[ProgressiveDeliveryTelemetry.OverrideResultTag]));
    }

    [Fact]
    public async Task Override_NoPolicyConfigured_IsNotReadAtAll()
    {
        await using var app = await StartAsync(policy: null);
        using var overrides = app.Collect<long>(ProgressiveDeliveryTelemetry.OverridesInstrument);

        // Even from a caller who would pass any policy: with overrides off the header is never looked at (a header
        // lookup per gated request for a feature not in use), so nothing is honoured and nothing is counted.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Override("/off", "off-flag=on", "tester"))).StatusCode);

        Assert.Empty(overrides.GetMeasurementSnapshot());
    }
}
