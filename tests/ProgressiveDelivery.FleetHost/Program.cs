using System;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.FleetHost;

/// <summary>
/// One replica of an application in fleet mode on PostgreSQL, for the multi-process fleet tests: flag <c>checkout</c>
/// (variants <c>old</c>, <c>new</c>) under rollout <c>checkout-v2</c> (each of <c>--weights</c> baked <c>--bake</c>, then
/// 100%), the admin API at <c>/progressive-delivery</c> (anonymous), and <c>GET /checkout?user=id</c>, which answers the
/// variant this replica served the user. Prints <c>ready http://127.0.0.1:port</c> once listening; stops gracefully on
/// SIGTERM (final flush, leases resigned).
/// </summary>
public static class Program
{
    public const string FlagKey = "checkout";
    public const string RolloutId = "checkout-v2";
    public const string UnitHeader = "X-User-Id";

    private static readonly TimeSpan CheckoutTime = TimeSpan.FromMilliseconds(2);

    public static async Task<int> Main(string[] args)
    {
        FleetHostArguments arguments;
        try
        {
            arguments = FleetHostArguments.Parse(args);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 64;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders()
            .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; })
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("ProgressiveDelivery", LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, arguments.Port));
        builder.Services.AddProgressiveDelivery(options =>
        {
            options.UnitHeaderName = UnitHeader;
            options.UnitClaimType = null;
            options.UseAnonymousCookie = false;
            options.RolloutTickInterval = arguments.Tick;
            options.AllowAnonymousAdmin = true;
            options.Flags(flags => flags.Flag(FlagKey, flag => flag.Variants(("old", "v1"), ("new", "v2")).DefaultVariant("old").OffVariant("old")));
            options.Rollouts(rollouts => rollouts.Rollout(RolloutId, rollout => rollout.Flag(FlagKey, "old", "new").Plan(Plan(arguments))));
        });
        builder.Services.AddProgressiveDeliveryPostgreSql(arguments.ConnectionString, options =>
        {
            options.Schema = arguments.Schema;
            options.LeaseDuration = arguments.Lease;
            options.FlushInterval = arguments.Flush;
            options.SyncInterval = arguments.Sync;
            options.ReplicaTimeout = arguments.ReplicaTimeout;
        });

        await using var app = builder.Build();
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
        var manager = app.Services.GetRequiredService<RolloutManager>();
        var served = new ServedWeights(evaluator);

        // The unit comes from ?user= (copied to the unit header); the snapshot in force is noted before the evaluation.
        app.Use((context, next) =>
        {
            if (context.Request.Query["user"] is { Count: 1 } user)
            {
                context.Request.Headers[UnitHeader] = user;
            }

            context.Items[typeof(ServedWeights)] = evaluator.Snapshot;
            return next(context);
        });
        app.UseProgressiveDelivery();
        app.MapVariants("/checkout", FlagKey, variants => variants
            .Variant("old", context => WriteCheckoutAsync(context, "old", served, manager))
            .Variant("new", context => WriteCheckoutAsync(context, "new", served, manager))
            .ForMethods("GET"));
        app.MapProgressiveDeliveryAdmin("/progressive-delivery");

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine("ready " + address);
        });
        await app.RunAsync();
        Console.WriteLine("stopped");
        return 0;
    }

    private static RolloutPlan Plan(FleetHostArguments arguments)
    {
        var plan = new RolloutPlan();
        foreach (var weight in arguments.Weights)
        {
            plan.Steps.Add(RolloutStep.SetWeight(weight));
            plan.Steps.Add(RolloutStep.Bake(arguments.Bake));
        }

        plan.Steps.Add(RolloutStep.SetWeight(100));
        return plan;
    }

    /// <summary>
    /// <c>{"variant", "weightBasisPoints", "version"}</c>: the variant served, the canary weight the evaluation used (null
    /// when the snapshot changed during the request, so the weight is not known exactly) and the applied version.
    /// </summary>
    private static async Task WriteCheckoutAsync(HttpContext context, string variant, ServedWeights served, RolloutManager manager)
    {
        var before = (Evaluation.FlagSnapshot)context.Items[typeof(ServedWeights)]!;
        var weight = served.WeightOf(before);
        var version = manager.GetRollout(RolloutId)?.Version ?? 0;
        var json = weight is { } bp
            ? $$"""{"variant":"{{variant}}","weightBasisPoints":{{bp}},"version":{{version}}}"""
            : $$"""{"variant":"{{variant}}","weightBasisPoints":null,"version":{{version}}}""";
        // A checkout takes a little time. Without it a request took ~20 us and the canary arm's few microseconds more
        // (cause not investigated; see benchmarks/results/fleet-processes.md) were "proven worse" (+27%) after 16,000
        // requests, rolling the rollout back. These tests are about the fleet, not the judge.
        await Task.Delay(CheckoutTime);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    /// <summary>
    /// The rollout weight of each snapshot the evaluator installs. The rollout manager sets overrides one at a time (under
    /// its lock), and the event is raised by the thread that installed the snapshot, so the overrides read in the
    /// handler are the ones compiled into it.
    /// </summary>
    private sealed class ServedWeights
    {
        private readonly FlagEvaluator _evaluator;
        private readonly ConditionalWeakTable<Evaluation.FlagSnapshot, StrongBox<int>> _weights = [];

        public ServedWeights(FlagEvaluator evaluator)
        {
            _evaluator = evaluator;
            evaluator.SnapshotChanged += OnSnapshotChanged;
        }

        /// <summary>The weight the evaluation used, when the snapshot noted before it is still in force (it used that one).</summary>
        public int? WeightOf(Evaluation.FlagSnapshot before) =>
            ReferenceEquals(before, _evaluator.Snapshot) && _weights.TryGetValue(before, out var weight) ? weight.Value : null;

        private void OnSnapshotChanged(object? sender, Evaluation.FlagSnapshot snapshot) =>
            _weights.AddOrUpdate(snapshot, new StrongBox<int>(_evaluator.SplitOverrides.TryGetValue(FlagKey, out var split) ? split.CanaryBasisPoints : 0));
    }
}
