using System.Collections.Generic;
using System.Globalization;
using ProgressiveDelivery.PostgreSql;

namespace CheckoutCanary.Fleet;

/// <summary>
/// One replica of the shop in fleet mode: its number (1 is the demo process itself), the PostgreSQL database and schema
/// every replica of the scenario shares, and the schedule (which sets the fleet's timings). Every replica listens on a
/// port of 127.0.0.1 that it picks itself (port 0), so no other process can take it first; a child reports its address
/// in its <c>ready</c> line.
/// </summary>
internal sealed record ReplicaOptions(int Number, string ConnectionString, string Schema, DemoSchedule Schedule)
{
    /// <summary>The replica's id in the fleet's tables and in <c>GET /progressive-delivery/fleet</c>.</summary>
    public string ReplicaId => IdOf(Number);

    public static string IdOf(int number) => string.Create(CultureInfo.InvariantCulture, $"replica-{number}");

    /// <summary>The fleet options of <c>AddProgressiveDeliveryPostgreSql</c>.</summary>
    public void Configure(PostgreSqlFleetOptions options)
    {
        options.Schema = Schema;
        options.ReplicaId = ReplicaId;
        options.FlushInterval = Schedule.FleetFlushInterval;
        options.SyncInterval = Schedule.FleetSyncInterval;
        options.ReplicaTimeout = Schedule.FleetReplicaTimeout;
    }

    /// <summary>The hidden command line that runs this replica in a child process (parsed by <see cref="DemoCommandLine"/>).</summary>
    public IEnumerable<string> ChildArguments(Scenario scenario)
    {
        yield return DemoCommandLine.ReplicaOption;
        yield return Number.ToString(CultureInfo.InvariantCulture);
        yield return "--postgres";
        yield return ConnectionString;
        yield return "--schema";
        yield return Schema;
        yield return "--scenario";
        yield return scenario.Name;
        if (ReferenceEquals(Schedule, DemoSchedule.Fast))
        {
            yield return "--fast";
        }
    }
}
