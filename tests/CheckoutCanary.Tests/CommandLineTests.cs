using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Fleet;

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
    [InlineData(new[] { "--replicas", "0", "--postgres", "Host=localhost" }, "--replicas must be a whole number from 1 to 9, got '0'.")]
    [InlineData(new[] { "--replicas", "10", "--postgres", "Host=localhost" }, "--replicas must be a whole number from 1 to 9, got '10'.")]
    [InlineData(new[] { "--replicas", "three" }, "--replicas must be a whole number from 1 to 9, got 'three'.")]
    [InlineData(new[] { "--postgres", "Host=localhost" }, "--postgres needs --replicas N (fleet mode: N processes sharing the rollout through PostgreSQL).")]
    [InlineData(new[] { "--replicas", "3" }, "--replicas needs --postgres \"<connection string>\": the replicas share the rollout through PostgreSQL.")]
    [InlineData(new[] { "--replicas", "3", "--postgres" }, "--postgres needs a value.")]
    [InlineData(new[] { "--replicas", "3", "--postgres", "Database=demo" }, "--postgres: the connection string names no Host, e.g. \"Host=localhost;Database=demo;Username=postgres\".")]
    [InlineData(new[] { "--replicas", "3", "--postgres", "Host=localhost;Multiplexing=true" }, "--postgres: Multiplexing=true is not supported in fleet mode (each replica holds a LISTEN connection and transactions); remove it.")]
    [InlineData(new[] { "--keep-schema" }, "--keep-schema needs --replicas and --postgres.")]
    [InlineData(new[] { "--replicas", "2", "--postgres", "Host=localhost", "--interactive" }, "--replicas runs the scenarios; --interactive is single-process only (leave out one of them).")]
    [InlineData(new[] { "--replicas", "2", "--postgres", "Host=localhost", "--state-dir", "x" }, "--state-dir is the file store's folder; with --replicas the state lives in PostgreSQL (leave out one of them).")]
    [InlineData(new[] { "--port", "5000" }, "Unknown argument '--port'. Run with --help for the options.")]
    [InlineData(new[] { "--replica", "2", "--scenario", "healthy" }, "--replica (started by --replicas) needs --schema, --postgres and one --scenario, and nothing of the parent's.")]
    public void Bad_arguments_are_named_in_the_error(string[] args, string expected)
    {
        Assert.False(DemoCommandLine.TryParse(args, out var commandLine, out var error));

        Assert.Null(commandLine);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_malformed_connection_string_is_an_error_of_postgres()
    {
        Assert.False(DemoCommandLine.TryParse(["--replicas", "3", "--postgres", "Host=localhost;Colour=blue"], out _, out var error));

        Assert.StartsWith("--postgres: the connection string is not valid: ", error, StringComparison.Ordinal);
        Assert.Contains("colour", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bad_fleet_arguments_exit_with_code_2()
    {
        Assert.Equal(2, await Program.Main(["--replicas", "12", "--postgres", "Host=localhost"]));
        Assert.Equal(2, await Program.Main(["--postgres", "Host=localhost"]));
    }

    [Fact]
    public void Replicas_with_postgres_is_fleet_mode_with_a_fresh_schema_per_scenario()
    {
        Assert.True(DemoCommandLine.TryParse(["--replicas", "3", "--postgres", "Host=localhost;Database=demo;Username=postgres", "--fast"], out var commandLine, out _));

        var fleet = commandLine!.Settings.Fleet!;
        Assert.Equal(3, fleet.Replicas);
        Assert.Equal("Host=localhost;Database=demo;Username=postgres", fleet.ConnectionString);
        Assert.False(fleet.KeepSchema);
        Assert.Null(commandLine.Replica);
        var schemas = commandLine.Scenarios.Select(fleet.SchemaFor).ToArray();
        Assert.Equal(2, schemas.Distinct().Count());
        Assert.All(schemas, s => Assert.Matches("^checkout_demo_[0-9a-f]{8}_[a-z_]+$", s));
        Assert.NotEqual(fleet.SchemaFor(Scenario.Healthy), new DemoFleet(3, fleet.ConnectionString, false).SchemaFor(Scenario.Healthy));

        Assert.True(DemoCommandLine.TryParse(["--replicas", "1", "--postgres", "Host=h", "--keep-schema"], out var kept, out _));
        Assert.True(kept!.Settings.Fleet!.KeepSchema);
        Assert.True(DemoCommandLine.TryParse([], out var single, out _));
        Assert.Null(single!.Settings.Fleet);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_child_replica_parses_the_arguments_its_parent_wrote(bool fast)
    {
        var schedule = fast ? DemoSchedule.Fast : DemoSchedule.Standard;
        var options = new ReplicaOptions(3, "Host=127.0.0.1;Port=5433;Username=postgres", "checkout_demo_0123abcd_error_regression", schedule);

        Assert.True(DemoCommandLine.TryParse([.. options.ChildArguments(Scenario.ErrorRegression)], out var child, out var error), error);

        Assert.Equal(options, child!.Replica);
        Assert.Equal("replica-3", child.Replica!.ReplicaId);
        Assert.Equal(["error-regression"], child.Scenarios.Select(s => s.Name));
        Assert.Same(schedule, child.Settings.Schedule);
        Assert.Null(child.Settings.Fleet);
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
