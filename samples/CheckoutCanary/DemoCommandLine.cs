using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CheckoutCanary.App;
using CheckoutCanary.Fleet;
using CheckoutCanary.Load;
using CheckoutCanary.Run;

namespace CheckoutCanary;

/// <summary>The demo's command line, parsed; a bad argument is an error that names it and says what was expected.</summary>
internal sealed record DemoCommandLine(IReadOnlyList<Scenario> Scenarios, bool Interactive, bool Plain, DemoSettings Settings)
{
    /// <summary>The hidden child mode of fleet mode: <c>--replica N --postgres CS --schema S --scenario NAME [--fast]</c>.</summary>
    public const string ReplicaOption = "--replica";

    /// <summary>Set in the hidden child mode: the replica this process serves (until its standard input closes).</summary>
    public ReplicaOptions? Replica { get; init; }

    public const string Usage = """
        Usage: dotnet run --project samples/CheckoutCanary [-- options]

        Runs a shop whose checkout has a stable and a canary implementation behind a rollout, sends it traffic from a
        few thousand simulated users over HTTP, and shows the rollout and the canary judge live.

          --scenario NAME   healthy | error-regression | latency-regression | no-traffic; repeat or separate with
                            commas for several. Default: healthy, then error-regression.
          --interactive     keep running; promote, pause, resume, abort or retry through the admin endpoints (keys,
                            curl, or the dashboard: open the sign-in link it prints in a browser), and break the canary
                            from the keyboard. Runs until q, Ctrl+C or SIGTERM (only the signals when the input is not
                            a terminal).
          --fast            a shortened schedule (5-second bakes, quarter-second ticks), as the tests run it.
          --plain           plain lines instead of the live table (the default when output is redirected).
          --users N         simulated users (default 3000).
          --rate N          checkouts per second (default 300).
          --seed N          random seed of the users and their choices (default 1).
          --otel KIND       export OpenTelemetry data: otlp (metrics, traces and feature_flag.evaluation events to
                            OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4317) or prometheus (a scrape
                            endpoint at /metrics on the app's address, printed when it starts).
          --state-dir PATH  the folder for rollout state and audit logs, cleaned per scenario
                            (default: CheckoutCanary in the temp folder).
          --replicas N      fleet mode: run the shop as N processes (1 to 9; this one and N-1 children) sharing
                            the rollout through PostgreSQL; the users' requests are spread across them.
          --postgres CS     the PostgreSQL connection string for --replicas, e.g.
                            "Host=localhost;Database=demo;Username=postgres". Each scenario gets a new schema
                            checkout_demo_<run>_<scenario>, dropped when the scenario ends.
          --keep-schema     keep each scenario's schema (to read its audit table) instead of dropping it.
          --help            this text.

        Ctrl+C (SIGINT) or SIGTERM stops the run: the app and the load stop, the summary is printed; a second one ends
        the process at once.

        Exit code: 0 when every scenario ended as expected, 1 when one did not, 2 for a bad command line, 130 (Ctrl+C)
        or 143 (SIGTERM) when a signal stopped the run before every scenario ended. --interactive exits 0 when q, Ctrl+C
        or SIGTERM stops it.
        """;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says which argument is wrong and why.</summary>
    public static bool TryParse(string[] args, out DemoCommandLine? commandLine, out string? error)
    {
        commandLine = null;
        error = null;
        var scenarios = new List<Scenario>();
        var interactive = false;
        var plain = false;
        var fast = false;
        var load = LoadSettings.Default;
        var stateRoot = DemoSettings.DefaultStateRoot;
        var telemetry = TelemetryExport.None;
        int? replicas = null;
        string? postgres = null;
        var keepSchema = false;
        var stateDirSet = false;
        int? replicaNumber = null;
        string? replicaSchema = null;

        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            switch (option)
            {
                case "--interactive":
                    interactive = true;
                    break;
                case "--plain":
                    plain = true;
                    break;
                case "--fast":
                    fast = true;
                    break;
                case "--scenario":
                    if (!TryValue(args, ref i, out var names, out error))
                    {
                        return false;
                    }

                    foreach (var name in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (Scenario.Find(name) is not { } scenario)
                        {
                            error = $"--scenario: unknown scenario '{name}'; expected one of {string.Join(", ", Scenario.NonInteractive.Select(s => s.Name))}.";
                            return false;
                        }

                        scenarios.Add(scenario);
                    }

                    break;
                case "--users":
                    if (!TryInteger(args, ref i, 10, 100_000, out var users, out error))
                    {
                        return false;
                    }

                    load = load with { Users = users };
                    break;
                case "--rate":
                    if (!TryInteger(args, ref i, 1, 5_000, out var rate, out error))
                    {
                        return false;
                    }

                    load = load with { RequestsPerSecond = rate };
                    break;
                case "--seed":
                    if (!TryInteger(args, ref i, 0, int.MaxValue, out var seed, out error))
                    {
                        return false;
                    }

                    load = load with { Seed = seed };
                    break;
                case "--state-dir":
                    if (!TryValue(args, ref i, out var directory, out error))
                    {
                        return false;
                    }

                    stateRoot = System.IO.Path.GetFullPath(directory);
                    stateDirSet = true;
                    break;
                case "--replicas":
                    if (!TryInteger(args, ref i, 1, DemoFleet.MaxReplicas, out var count, out error))
                    {
                        return false;
                    }

                    replicas = count;
                    break;
                case "--postgres":
                    if (!TryValue(args, ref i, out var connectionString, out error))
                    {
                        return false;
                    }

                    if (DemoFleet.ConnectionStringError(connectionString) is { } invalid)
                    {
                        error = invalid;
                        return false;
                    }

                    postgres = connectionString;
                    break;
                case "--keep-schema":
                    keepSchema = true;
                    break;
                case ReplicaOption:
                    if (!TryInteger(args, ref i, 2, DemoFleet.MaxReplicas, out var number, out error))
                    {
                        return false;
                    }

                    replicaNumber = number;
                    break;
                case "--schema" when replicaNumber is not null:
                    if (!TryValue(args, ref i, out var schema, out error))
                    {
                        return false;
                    }

                    replicaSchema = schema;
                    break;
                case "--otel":
                    if (!TryValue(args, ref i, out var kind, out error))
                    {
                        return false;
                    }

                    switch (kind)
                    {
                        case "otlp":
                            telemetry = TelemetryExport.Otlp;
                            break;
                        case "prometheus":
                            telemetry = TelemetryExport.Prometheus;
                            break;
                        default:
                            error = $"--otel: unknown exporter '{kind}'; expected otlp or prometheus.";
                            return false;
                    }

                    break;
                default:
                    error = $"Unknown argument '{option}'. Run with --help for the options.";
                    return false;
            }
        }

        if (interactive && scenarios.Count > 0)
        {
            error = "--interactive runs on its own; leave out --scenario.";
            return false;
        }

        var schedule = fast ? DemoSchedule.Fast : DemoSchedule.Standard;
        if (replicaNumber is { } child)
        {
            if (replicaSchema is null || postgres is null || scenarios.Count != 1 || replicas is not null || interactive)
            {
                error = $"{ReplicaOption} (started by --replicas) needs --schema, --postgres and one --scenario, and nothing of the parent's.";
                return false;
            }

            commandLine = new DemoCommandLine(scenarios, false, true, new DemoSettings(schedule, load, stateRoot, telemetry))
            {
                Replica = new ReplicaOptions(child, postgres, replicaSchema, schedule),
            };
            return true;
        }

        if (FleetError(replicas, postgres, keepSchema, interactive, stateDirSet) is { } fleetError)
        {
            error = fleetError;
            return false;
        }

        if (!interactive && scenarios.Count == 0)
        {
            scenarios.AddRange([Scenario.Healthy, Scenario.ErrorRegression]);
        }

        var fleet = replicas is { } n ? new DemoFleet(n, postgres!, keepSchema) : null;
        commandLine = new DemoCommandLine(interactive ? [Scenario.Interactive] : scenarios, interactive, plain, new DemoSettings(schedule, load, stateRoot, telemetry, fleet));
        return true;
    }

    /// <summary>What is wrong with the fleet options together, or null: --replicas and --postgres go as a pair.</summary>
    private static string? FleetError(int? replicas, string? postgres, bool keepSchema, bool interactive, bool stateDirSet) => (replicas, postgres) switch
    {
        (null, not null) => "--postgres needs --replicas N (fleet mode: N processes sharing the rollout through PostgreSQL).",
        (not null, null) => "--replicas needs --postgres \"<connection string>\": the replicas share the rollout through PostgreSQL.",
        (null, null) when keepSchema => "--keep-schema needs --replicas and --postgres.",
        (not null, _) when interactive => "--replicas runs the scenarios; --interactive is single-process only (leave out one of them).",
        (not null, _) when stateDirSet => "--state-dir is the file store's folder; with --replicas the state lives in PostgreSQL (leave out one of them).",
        _ => null,
    };

    private static bool TryValue(string[] args, ref int i, out string value, out string? error)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            value = "";
            error = $"{args[i]} needs a value.";
            return false;
        }

        value = args[++i];
        error = null;
        return true;
    }

    private static bool TryInteger(string[] args, ref int i, int minimum, int maximum, out int value, out string? error)
    {
        var option = args[i];
        value = 0;
        if (!TryValue(args, ref i, out var text, out error))
        {
            return false;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < minimum || value > maximum)
        {
            error = $"{option} must be a whole number from {minimum} to {maximum}, got '{text}'.";
            return false;
        }

        return true;
    }
}
