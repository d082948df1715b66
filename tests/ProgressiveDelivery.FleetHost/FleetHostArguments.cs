using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProgressiveDelivery.FleetHost;

/// <summary>
/// The host's command line: <c>--port 0 --connection "Host=..." --schema s --tick 200ms --lease 3s --flush 300ms
/// --sync 250ms --replica-timeout 2s --weights 10,20,30,40,50 --bake 3s</c>. Durations end in <c>ms</c> or <c>s</c>.
/// </summary>
internal sealed record FleetHostArguments
{
    public const string Usage =
        "usage: ProgressiveDelivery.FleetHost --connection <npgsql connection string> --schema <schema> [--port 0] " +
        "[--tick 200ms] [--lease 3s] [--flush 300ms] [--sync 250ms] [--replica-timeout 2s] [--weights 10,20,30,40,50] [--bake 3s]";

    public int Port { get; init; }

    public required string ConnectionString { get; init; }

    public required string Schema { get; init; }

    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Flush { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan Sync { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ReplicaTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<double> Weights { get; init; } = [10, 20, 30, 40, 50];

    public TimeSpan Bake { get; init; } = TimeSpan.FromSeconds(3);

    public static FleetHostArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' at '{args[i]}'. {Usage}");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required. {Usage}");
        TimeSpan Duration(string name, TimeSpan fallback) => values.TryGetValue(name, out var value) ? ParseDuration(value) : fallback;

        var defaults = new FleetHostArguments { ConnectionString = string.Empty, Schema = string.Empty };
        return new FleetHostArguments
        {
            Port = values.TryGetValue("port", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : 0,
            ConnectionString = Required("connection"),
            Schema = Required("schema"),
            Tick = Duration("tick", defaults.Tick),
            Lease = Duration("lease", defaults.Lease),
            Flush = Duration("flush", defaults.Flush),
            Sync = Duration("sync", defaults.Sync),
            ReplicaTimeout = Duration("replica-timeout", defaults.ReplicaTimeout),
            Bake = Duration("bake", defaults.Bake),
            Weights = values.TryGetValue("weights", out var weights)
                ? Array.ConvertAll(weights.Split(','), w => double.Parse(w, CultureInfo.InvariantCulture))
                : defaults.Weights,
        };
    }

    private static TimeSpan ParseDuration(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : throw new ArgumentException($"'{text}' is not a duration (e.g. 200ms, 3s).");
}
