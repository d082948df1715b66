using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Run;
using Npgsql;

namespace CheckoutCanary.Fleet;

/// <summary>
/// One scenario's fleet: replica 1 in this process (the app the runner watches), replicas 2..N as child processes, each
/// on a free port of 127.0.0.1 that it binds itself (port 0) and reports in its <c>ready</c> line, all on the scenario's own PostgreSQL schema. Replica 1 takes requests at once; the others
/// join (<see cref="JoinAsync"/>) as each one listens, as a load balancer adds replicas, so the rollout never waits
/// for traffic while children start. Disposing stops every replica (children gracefully, killed if they hang) and
/// then drops the schema unless <c>--keep-schema</c>.
/// </summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    private readonly DemoFleet _fleet;
    private readonly Task<ReplicaProcess>[] _children;
    private readonly List<string> _log = [];
    private ReplicaMember[] _members;
    private int _disposed;

    private ReplicaSet(DemoFleet fleet, string schema, CheckoutApp app, Task<ReplicaProcess>[] children)
    {
        _fleet = fleet;
        Schema = schema;
        App = app;
        _children = children;
        _members = [new ReplicaMember(1, ReplicaOptions.IdOf(1), app.BaseAddress, Environment.ProcessId)];
    }

    /// <summary>Replica 1, in this process.</summary>
    public CheckoutApp App { get; }

    public string Schema { get; }

    /// <summary>How many replicas the fleet has once every child listens.</summary>
    public int Count => _children.Length + 1;

    /// <summary>The replicas that listen so far, replica 1 first.</summary>
    public IReadOnlyList<ReplicaMember> Members => Volatile.Read(ref _members);

    /// <summary>Where the rollout's state and audit log live, for the summary.</summary>
    public string Storage => $"PostgreSQL schema {Schema} ({(_fleet.KeepSchema ? "kept: --keep-schema" : "dropped at the end")})";

    /// <summary>The children's warnings (prefixed with their ids) and any trouble dropping the schema; complete after disposal.</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>Starts replica 1 and launches the children (<see cref="JoinAsync"/> follows them).</summary>
    public static async Task<ReplicaSet> StartAsync(DemoFleet fleet, Scenario scenario, DemoSettings settings, CancellationToken cancellationToken)
    {
        var schema = fleet.SchemaFor(scenario);
        var schedule = settings.Schedule;
        // Replica 1 first: it creates the schema (the migrations are safe in parallel too, but one at a time is quicker).
        var app = await CheckoutApp.StartAsync(
            scenario, schedule, settings.StateRoot, cancellationToken, settings.Telemetry, new ReplicaOptions(1, fleet.ConnectionString, schema, schedule));
        var children = Enumerable.Range(2, fleet.Replicas - 1)
            .Select(n => ReplicaProcess.StartAsync(new ReplicaOptions(n, fleet.ConnectionString, schema, schedule), scenario, cancellationToken))
            .ToArray();
        return new ReplicaSet(fleet, schema, app, children);
    }

    /// <summary>Calls <paramref name="joined"/> for each child as it listens; fails when one could not start (the error says why).</summary>
    public async Task JoinAsync(Action<ReplicaMember> joined)
    {
        var pending = _children.ToList();
        while (pending.Count > 0)
        {
            var started = await Task.WhenAny(pending);
            pending.Remove(started);
            var child = await started;
            var member = new ReplicaMember(child.Options.Number, child.Options.ReplicaId, child.BaseAddress, child.ProcessId);
            Volatile.Write(ref _members, [.. _members, member]);
            joined(member);
        }
    }

    private async Task StopAsync(Task<ReplicaProcess> start)
    {
        ReplicaProcess child;
        try
        {
            child = await start;
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            return; // JoinAsync reports it
        }

        await child.DisposeAsync();
        lock (_log)
        {
            _log.AddRange(child.Log.Select(line => $"{child.Options.ReplicaId}: {line}"));
        }
    }

    private static async Task DropAsync(DemoFleet fleet, string schema, List<string> log)
    {
        if (fleet.KeepSchema)
        {
            return;
        }

        try
        {
            await fleet.DropSchemaAsync(schema);
        }
        catch (NpgsqlException exception)
        {
            log.Add($"could not drop schema {schema}: {exception.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            // A child still starting is waited for (a start that failed has stopped its process already), then stopped.
            await Task.WhenAll(_children.Select(StopAsync).Append(App.DisposeAsync().AsTask()));
        }
        finally
        {
            // Also when stopping a replica failed: the scenario's schema is not left behind.
            await DropAsync(_fleet, Schema, _log);
        }
    }
}
