using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Reports;
using Npgsql;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.PostgreSql;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Fleet;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.FleetBenchmarks;

/// <summary>The measurements, each on a fresh schema of the same server, and the report they make.</summary>
internal sealed class FleetReport(string connectionString)
{
    private static readonly RolloutPlan LongPlan = RolloutPlan.Canary(TimeSpan.FromHours(1));
    private readonly List<string> _sections = [];
    private int _schemas;

    /// <summary>
    /// Three replicas; <paramref name="changes"/> commands (pause, resume, alternately), each on the next replica in turn;
    /// for each, the time from the command's return (committed) until both other replicas applied the new version.
    /// </summary>
    public async Task MeasurePropagationAsync(int changes)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var replicas = await StartReplicasAsync(dataSource, 3, TimeSpan.FromSeconds(15));
        try
        {
            var leader = await WaitForLeaderAsync(replicas);
            await leader.Manager.TickAsync(); // pending -> progressing
            await WaitAsync(() => replicas.All(r => r.View.State.Status == Rollouts.RolloutStatus.Progressing), TimeSpan.FromSeconds(5));
            var lags = new List<double>(changes);
            for (var i = 0; i < changes; i++)
            {
                var by = replicas[i % replicas.Count];
                var view = i % 2 == 0
                    ? await by.Manager.PauseAsync(FleetReplicaHost.RolloutId, "bench", "propagation")
                    : await by.Manager.ResumeAsync(FleetReplicaHost.RolloutId, "bench", "propagation");
                var watch = Stopwatch.StartNew();
                while (replicas.Any(r => r.Manager.GetAppliedVersions()[FleetReplicaHost.RolloutId] < view.Version))
                {
                    if (watch.Elapsed > TimeSpan.FromSeconds(10))
                    {
                        throw new InvalidOperationException($"Change {i} (version {view.Version}) did not reach every replica within 10 s.");
                    }

                    await Task.Delay(1);
                }

                lags.Add(watch.Elapsed.TotalMilliseconds);
            }

            lags.Sort();
            _sections.Add(Invariant($"""
                ## Propagation: a change reaches every replica

                {changes:N0} changes (pause and resume, alternately, each committed on the next of three replicas in turn); for each,
                the time from the commit until both other replicas applied the new version (LISTEN/NOTIFY hint, then a re-read
                of the rollout's row; polled at 1 ms resolution).

                | p50 | p90 | p99 | max | target |
                | --- | --- | --- | --- | --- |
                | {Percentile(lags, 0.50):F1} ms | {Percentile(lags, 0.90):F1} ms | {Percentile(lags, 0.99):F1} ms | {lags[^1]:F1} ms | p99 <= 1,000 ms |
                """));
        }
        finally
        {
            await StopAllAsync(replicas);
        }
    }

    /// <summary>A leader that stops resigns its lease (and notifies): the time until another replica holds it.</summary>
    public async Task MeasureHandOverAsync(int trials)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var schema = NextSchema();
        var replicas = new List<FleetReplicaHost>();
        var times = new List<double>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                replicas.Add(await StartReplicaAsync(dataSource, schema, "replica-" + i, TimeSpan.FromSeconds(15)));
            }

            for (var trial = 0; trial < trials; trial++)
            {
                var leader = await WaitForLeaderAsync(replicas);
                var watch = Stopwatch.StartNew();
                await leader.StopAsync();
                replicas.Remove(leader);
                await WaitAsync(() => replicas.Any(r => r.Leads), TimeSpan.FromSeconds(20));
                times.Add(watch.Elapsed.TotalMilliseconds);
                await leader.DisposeAsync();
                replicas.Add(await StartReplicaAsync(dataSource, schema, "replica-" + (trial + 3), TimeSpan.FromSeconds(15)));
            }
        }
        finally
        {
            await StopAllAsync(replicas);
        }

        times.Sort();
        _sections.Add(Invariant($"""
            ## Failover: graceful hand-over

            {trials} times: the leader of three replicas (lease 15 s) stops (final flush, lease resigned with a notification);
            the time until another replica holds the lease. A leader that dies without resigning (SIGKILL) is replaced when
            its lease expires: at most the lease duration after its last renewal, plus one acquire interval (lease / 15);
            see fleet-processes.md for the measured multi-process case.

            | median | max |
            | --- | --- |
            | {Percentile(times, 0.5):F0} ms | {times[^1]:F0} ms |
            """));
    }

    /// <summary>One replica's flush: collecting its cumulative observations and upserting them; the bytes written.</summary>
    public async Task MeasureFlushAsync(int flushes)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var schema = NextSchema();
        var replica = await StartReplicaAsync(dataSource, schema, "flusher", TimeSpan.FromSeconds(15));
        var table = new ObservationTable(new PostgreSqlDatabase(dataSource, PostgreSqlSettings.From(new PostgreSqlStoreOptions { Schema = schema }, "options")));
        var collect = new List<double>();
        var upsert = new List<double>();
        var bytes = 0L;
        try
        {
            await WaitForLeaderAsync([replica]);
            await replica.Manager.TickAsync();
            var random = new Random(3);
            for (var i = 0; i < flushes; i++)
            {
                replica.Serve(2_000, 20_000, random); // 2,000 requests of 20,000 users between flushes
                var watch = Stopwatch.StartNew();
                var rows = replica.Manager.CollectObservations(1_000_000 + i);
                collect.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await table.UpsertAsync(rows);
                upsert.Add(watch.Elapsed.TotalMilliseconds);
                bytes = rows.Sum(row => (long)ObservationJson.Serialize(row.Baseline).Length + ObservationJson.Serialize(row.Canary).Length + (2L * UnitSet.SlotCount / 8));
            }
        }
        finally
        {
            await replica.DisposeAsync();
        }

        collect.Sort();
        upsert.Sort();
        _sections.Add(Invariant($"""
            ## Flush cost per replica

            One replica, one rollout with the default metrics (errors, latency), {flushes} flushes each after 2,000 requests of
            20,000 users: collecting the cumulative per-cell summaries and unit sets, then one upsert transaction. At the
            default 5-second interval this is the whole database cost of a replica's observations.

            | collect, median | upsert, median | upsert, p99 | bytes per flush (last) |
            | --- | --- | --- | --- |
            | {Percentile(collect, 0.5):F2} ms | {Percentile(upsert, 0.5):F2} ms | {Percentile(upsert, 0.99):F2} ms | {bytes:N0} |
            """));
    }

    public void AddRequestPath(Summary summary)
    {
        var lines = new StringBuilder();
        lines.AppendLine("| method | mean per request | ratio | allocated |").AppendLine("| --- | --- | --- | --- |");
        var baseline = summary.Reports.Single(r => r.BenchmarkCase.Descriptor.Baseline).ResultStatistics!.Mean;
        foreach (var report in summary.Reports)
        {
            var mean = report.ResultStatistics!.Mean;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            lines.AppendLine(Invariant($"| {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} | {mean:F1} ns | {mean / baseline:F3} | {allocated} B |"));
        }

        _sections.Add($"""
            ## One replica's request path: PostgreSQL fleet against the file store

            BenchmarkDotNet (in process), in the same run: evaluate the rollout's flag for a random user and record the
            outcome, on a manager with the file store (baseline) and on a replica in fleet mode whose loops (flush every
            200 ms, sync every 250 ms, lease) run meanwhile. The request path never touches the database; requests/s is the
            inverse of the time per request, so the requests/s ratio (target >= 0.99) is the inverse of the time ratio. In
            process, BenchmarkDotNet counts every thread's allocations, so the fleet's background loops show as a byte or so per
            request; the request path itself allocates nothing (the manager's zero-allocation recording tests assert it).

            {lines.ToString().TrimEnd()}
            """);
    }

    public string ToMarkdown(string[] args) => Invariant($"""
        # Fleet mode on PostgreSQL: propagation, failover, flush cost, request path

        Command: `dotnet run -c Release --project benchmarks/ProgressiveDelivery.FleetBenchmarks -- {string.Join(' ', args)}`
        Date: {DateTime.UtcNow:yyyy-MM-dd} (UTC). Machine: 2 cores, shared; PostgreSQL {PostgresBinaries.Directory} started by the
        program on 127.0.0.1 with `fsync = off` and `synchronous_commit = off` (a throwaway server: commits cost less than
        on a durable one, so the absolute times are lower bounds; the request-path ratio does not involve the database).

        {string.Join("\n\n", _sections)}
        """);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private string NextSchema() => "bench_" + (++_schemas).ToString(CultureInfo.InvariantCulture) + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    private async Task<List<FleetReplicaHost>> StartReplicasAsync(NpgsqlDataSource dataSource, int count, TimeSpan lease)
    {
        var schema = NextSchema();
        var replicas = new List<FleetReplicaHost>();
        for (var i = 0; i < count; i++)
        {
            replicas.Add(await StartReplicaAsync(dataSource, schema, "replica-" + i, lease));
        }

        return replicas;
    }

    private static async Task<FleetReplicaHost> StartReplicaAsync(NpgsqlDataSource dataSource, string schema, string id, TimeSpan lease)
    {
        var replica = new FleetReplicaHost(dataSource, schema, id, lease);
        await replica.StartAsync(LongPlan);
        return replica;
    }

    private static async Task<FleetReplicaHost> WaitForLeaderAsync(List<FleetReplicaHost> replicas)
    {
        await WaitAsync(() => replicas.Count(r => r.Leads) == 1, TimeSpan.FromSeconds(20));
        return replicas.Single(r => r.Leads);
    }

    private static async Task StopAllAsync(List<FleetReplicaHost> replicas)
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout}.");
            }

            await Task.Delay(5);
        }
    }
}
