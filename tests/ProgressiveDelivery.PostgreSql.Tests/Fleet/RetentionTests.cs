using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// <see cref="PostgreSqlFleetOptions.RetentionPeriod"/>: rows no decision reads any more are deleted once that old;
/// the current attempt's observations are kept however old.
/// </summary>
public sealed class RetentionTests(PostgresServer server) : PostgresTestBase(server)
{
    [PostgresFact]
    public async Task ApplyRetention_DeletesOldRowsOfEarlierAttemptsRemovedRolloutsAndSilentReplicas_KeepsTheRest()
    {
        await using var replica = new FleetReplicaHost(DataSource, Schema, "replica-0");
        await replica.StartAsync(RolloutPlan.Canary(TimeSpan.FromMinutes(10)));
        await replica.Manager.AbortAsync(FleetReplicaHost.RolloutId, "tester", "to start a second attempt");
        var retried = await replica.Manager.RetryAsync(FleetReplicaHost.RolloutId, "tester", "second attempt");
        Assert.Equal(2, retried.State.Attempt);

        var table = new ObservationTable(Database);
        await table.UpsertAsync(
        [
            Row(FleetReplicaHost.RolloutId, attempt: 1, step: 0, "earlier-attempt-old"),
            Row(FleetReplicaHost.RolloutId, attempt: 1, step: 1, "earlier-attempt-recent"),
            Row(FleetReplicaHost.RolloutId, attempt: 2, step: 0, "current-attempt-old"),
            Row("removed-rollout", attempt: 1, step: 0, "removed-old"),
            Row("removed-rollout", attempt: 1, step: 1, "removed-recent"),
        ]);
        await ExecuteAsync($"""
            UPDATE "{Schema}".observations SET flushed_at = now() - interval '8 days' WHERE replica_id LIKE '%-old';
            UPDATE "{Schema}".observations SET flushed_at = now() - interval '6 days' WHERE replica_id LIKE '%-recent';
            INSERT INTO "{Schema}".replicas (replica_id, host, process_id, started_at, heartbeat_at, stopped_at) VALUES
                ('silent-8-days', 'h', 1, now() - interval '9 days', now() - interval '8 days', now() - interval '8 days'),
                ('crashed-8-days', 'h', 2, now() - interval '9 days', now() - interval '8 days', NULL),
                ('silent-6-days', 'h', 3, now() - interval '9 days', now() - interval '6 days', now() - interval '6 days');
            INSERT INTO "{Schema}".replica_rollouts (replica_id, rollout_id, applied_version, synced_at) VALUES
                ('silent-8-days', '{FleetReplicaHost.RolloutId}', 1, now() - interval '8 days');
            """);

        await replica.Fleet.ApplyRetentionAsync(replica.Manager, NullLogger.Instance, default);

        var observations = await ColumnAsync($"""SELECT replica_id FROM "{Schema}".observations WHERE replica_id <> 'replica-0' ORDER BY replica_id""");
        Assert.Equal(["current-attempt-old", "earlier-attempt-recent", "removed-recent"], observations);
        var replicas = await ColumnAsync($"""SELECT replica_id FROM "{Schema}".replicas ORDER BY replica_id""");
        Assert.Equal(["replica-0", "silent-6-days"], replicas);
        Assert.Equal(0L, await ScalarAsync($"""SELECT count(*) FROM "{Schema}".replica_rollouts WHERE replica_id = 'silent-8-days'"""));

        // The rollout still judges its current attempt with every row of it.
        Assert.Contains(await replica.Fleet.ReadObservationsAsync(FleetReplicaHost.RolloutId, 2), row => row.ReplicaId == "current-attempt-old");
    }

    [Theory]
    [InlineData(0.5, 10)]
    [InlineData(24, 48)]
    public void Options_RetentionShorterThanAnHourOrThanTheReplicaTimeout_IsRejectedNamingIt(double hours, double replicaTimeoutHours)
    {
        var options = new PostgreSqlFleetOptions
        {
            RetentionPeriod = TimeSpan.FromHours(hours),
            ReplicaTimeout = TimeSpan.FromHours(replicaTimeoutHours),
        };

        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlFleet(DataSource, options));

        Assert.Contains("PostgreSqlFleetOptions.RetentionPeriod must be at least 1 hour and longer than ReplicaTimeout", error.Message, StringComparison.Ordinal);
    }

    private static ReplicaObservations Row(string rolloutId, int attempt, int step, string replicaId) =>
        new(rolloutId, attempt, step, 1_000, replicaId, 1, new ArmSummary(0), new ArmSummary(0), new UnitSet(), new UnitSet());

    private async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
