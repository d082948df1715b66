using System.Collections.Generic;
using ProgressiveDelivery.Rollouts.Fleet;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>The fleet document of the admin API: this replica, its leases, its applied versions, and every replica as last read.</summary>
internal static partial class AdminJson
{
    public static string Fleet(RolloutFleet? fleet, IReadOnlyDictionary<string, long> applied) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("mode", fleet is null ? "single" : "fleet");
        writer.WriteString("replicaId", fleet?.ReplicaId);
        WriteTime(writer, "lastSyncedAt", fleet?.LastSyncedAt);
        writer.WriteStartArray("leases");
        foreach (var id in fleet?.LeasesHeld ?? [])
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        WriteVersions(writer, "applied", applied);
        writer.WriteStartArray("replicas");
        foreach (var replica in fleet?.GetReplicas() ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("replicaId", replica.ReplicaId);
            writer.WriteString("host", replica.Host);
            writer.WriteNumber("processId", replica.ProcessId);
            writer.WriteBoolean("live", replica.IsLive);
            writer.WriteString("heartbeatAt", replica.HeartbeatAt);
            WriteTime(writer, "lastSyncedAt", replica.LastSyncedAt);
            WriteVersions(writer, "applied", replica.AppliedVersions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteVersions(System.Text.Json.Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, long> versions)
    {
        writer.WriteStartObject(name);
        foreach (var (id, version) in versions)
        {
            writer.WriteNumber(id, version);
        }

        writer.WriteEndObject();
    }
}
