using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;

namespace CheckoutCanary.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Default_is_healthy_then_error_regression_on_the_standard_schedule()
    {
        Assert.True(DemoCommandLine.TryParse([], out var commandLine, out _));

        Assert.Equal(["healthy", "error-regression"], commandLine!.Scenarios.Select(s => s.Name));
        Assert.Same(DemoSchedule.Standard, commandLine.Settings.Schedule);
        Assert.False(commandLine.Interactive);
    }

    [Fact]
    public void Scenarios_can_be_repeated_or_listed()
    {
        Assert.True(DemoCommandLine.TryParse(["--scenario", "no-traffic,latency-regression", "--scenario", "healthy", "--fast"], out var commandLine, out _));

        Assert.Equal(["no-traffic", "latency-regression", "healthy"], commandLine!.Scenarios.Select(s => s.Name));
        Assert.Same(DemoSchedule.Fast, commandLine.Settings.Schedule);
    }

    [Theory]
    [InlineData(new[] { "--scenario", "sunny" }, "--scenario: unknown scenario 'sunny'; expected one of healthy, error-regression, latency-regression, no-traffic.")]
    [InlineData(new[] { "--rate", "fast" }, "--rate must be a whole number from 1 to 5000, got 'fast'.")]
    [InlineData(new[] { "--users", "5" }, "--users must be a whole number from 10 to 100000, got '5'.")]
    [InlineData(new[] { "--rate" }, "--rate needs a value.")]
    [InlineData(new[] { "--scenario", "--fast" }, "--scenario needs a value.")]
    [InlineData(new[] { "--colour" }, "Unknown argument '--colour'. Run with --help for the options.")]
    [InlineData(new[] { "--interactive", "--scenario", "healthy" }, "--interactive runs on its own; leave out --scenario.")]
    [InlineData(new[] { "--otel", "zipkin" }, "--otel: unknown exporter 'zipkin'; expected otlp or prometheus.")]
    [InlineData(new[] { "--otel" }, "--otel needs a value.")]
    public void Bad_arguments_are_named_in_the_error(string[] args, string expected)
    {
        Assert.False(DemoCommandLine.TryParse(args, out var commandLine, out var error));

        Assert.Null(commandLine);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Fast_schedule_overrides_every_bake_of_the_plan()
    {
        var overrides = DemoSchedule.Fast.ConfigurationOverrides().ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("00:00:05", overrides["ProgressiveDelivery:rollouts:checkout-v2:plan:steps:1:bake"]);
        Assert.Equal("00:00:05", overrides["ProgressiveDelivery:rollouts:checkout-v2:plan:steps:5:bake"]);
        Assert.Equal("00:00:00.2500000", overrides["ProgressiveDelivery:RolloutTickInterval"]);
        Assert.Empty(DemoSchedule.Standard.ConfigurationOverrides());
    }

    [Theory]
    [InlineData(new string[0], "None")]
    [InlineData(new[] { "--otel", "otlp" }, "Otlp")]
    [InlineData(new[] { "--fast", "--otel", "prometheus" }, "Prometheus")]
    public void Otel_chooses_the_exporter(string[] args, string expected)
    {
        Assert.True(DemoCommandLine.TryParse(args, out var commandLine, out _));

        Assert.Equal(Enum.Parse<TelemetryExport>(expected), commandLine!.Settings.Telemetry);
    }

    [Fact]
    public async Task Otel_prometheus_serves_our_metrics_on_the_scrape_endpoint()
    {
        var state = Path.Combine(Path.GetTempPath(), "CheckoutCanary.Tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await CheckoutApp.StartAsync(Scenario.Healthy, DemoSchedule.Fast, state, CancellationToken.None, TelemetryExport.Prometheus);
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            using var checkout = new HttpRequestMessage(HttpMethod.Get, "checkout");
            checkout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "shopper-1");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(checkout)).StatusCode);

            var metrics = await client.GetStringAsync(TelemetrySetup.PrometheusPath.TrimStart('/'));

            Assert.Contains("progressive_delivery_evaluations_total{", metrics, StringComparison.Ordinal);
            Assert.Contains("feature_flag_key=\"checkout\"", metrics, StringComparison.Ordinal);
            Assert.Contains("progressive_delivery_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
            Assert.Contains("progressive_delivery_rollout_weight", metrics, StringComparison.Ordinal);
            Assert.DoesNotContain("shopper-1", metrics, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
        }
    }
}
