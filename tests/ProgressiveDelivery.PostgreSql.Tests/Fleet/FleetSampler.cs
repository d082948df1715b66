using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// Every <c>period</c>, one round: the lease row (holder, epoch) from the database, then every sampled replica's
/// rollout view and lease claim in parallel, then the lease row again. A replica that does not answer, or a database
/// that does not, leaves a gap (null), never a failure: the tests judge what was seen.
/// </summary>
internal sealed class FleetSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<FleetProcess> _replicas;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly TimeSpan _period;
    private readonly ConcurrentDictionary<FleetProcess, bool> _excluded = new();
    private readonly ConcurrentQueue<SampleRound> _rounds = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public FleetSampler(IReadOnlyList<FleetProcess> replicas, NpgsqlDataSource dataSource, string schema, TimeSpan period)
    {
        _replicas = replicas;
        _dataSource = dataSource;
        _schema = schema;
        _period = period;
        _run = Task.Run(RunAsync);
    }

    public IReadOnlyCollection<SampleRound> Rounds => _rounds;

    /// <summary>Stops sampling a replica (killed or stopped: its requests would only time out).</summary>
    public void Exclude(FleetProcess replica) => _excluded[replica] = true;

    /// <summary>Stops sampling (idempotent); the rounds stay readable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _run;
        _stop.Dispose(); // IsCancellationRequested still answers after Dispose, so a second call returns here too
    }

    /// <summary>The lease row of the rollout, or null when there is none or the database does not answer.</summary>
    public async Task<LeaseRow?> ReadLeaseAsync()
    {
        try
        {
            await using var command = _dataSource.CreateCommand($"SELECT holder, epoch, acquired_at FROM \"{_schema}\".leases WHERE name = 'rollout:{FleetProcess.RolloutId}'");
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? new LeaseRow(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2)) : null;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return null;
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_period);
        do
        {
            var before = await ReadLeaseAsync();
            var samples = await Task.WhenAll(_replicas.Where(replica => !_excluded.ContainsKey(replica)).Select(SampleAsync));
            var after = await ReadLeaseAsync();
            _rounds.Enqueue(new SampleRound(before, after, [.. samples.OfType<ReplicaSample>()]));
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<ReplicaSample?> SampleAsync(FleetProcess replica)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            var rollout = await replica.GetRolloutAsync();
            var claims = await replica.ClaimsLeaseAsync();
            return new ReplicaSample(
                replica,
                sent,
                Stopwatch.GetTimestamp(),
                (int)Math.Round(rollout.GetProperty("weightPercent").GetDouble() * 100),
                rollout.GetProperty("version").GetInt64(),
                rollout.GetProperty("status").GetString()!,
                claims);
        }
        catch (Exception exception) when (exception is System.Net.Http.HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException)
        {
            return null;
        }
    }
}

/// <summary>The lease row: holder, epoch, when this holder acquired it (database clock).</summary>
internal sealed record LeaseRow(string Holder, long Epoch, DateTimeOffset AcquiredAt);

/// <summary>One replica's rollout view and lease claim, with when the request was sent and answered (Stopwatch timestamps).</summary>
internal sealed record ReplicaSample(FleetProcess Replica, long SentAt, long ReceivedAt, int WeightBasisPoints, long Version, string Status, bool ClaimsLease);

/// <summary>One sampling round: the lease row before and after, and the replicas that answered.</summary>
internal sealed record SampleRound(LeaseRow? Before, LeaseRow? After, IReadOnlyList<ReplicaSample> Samples)
{
    /// <summary>The lease's epoch throughout the round, or null when it changed (or was not read): only then are the claims attributable to one epoch.</summary>
    public LeaseRow? StableLease => Before is not null && After is not null && Before.Epoch == After.Epoch ? Before : null;
}
