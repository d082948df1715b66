using System;
using System.Text.Json;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// A hint that something changed, sent with <c>pg_notify</c> on <c>{schema}_changes</c> when the change commits:
/// <c>{"kind":"rollout","key":"checkout","version":7}</c>. A hint only: notifications are lost while a listener is
/// disconnected, so readers also poll (<see cref="VersionPoll"/>) and re-read everything after a reconnect.
/// </summary>
/// <param name="Kind">What changed: <see cref="RolloutKind"/>, <see cref="LeaseKind"/> or <see cref="FlagKind"/>.</param>
/// <param name="Key">Which one: the rollout id, lease name or flag key.</param>
/// <param name="Version">Its version after the change (a lease's epoch).</param>
internal sealed record ChangeNotification(string Kind, string Key, long Version)
{
    public const string RolloutKind = "rollout";
    public const string LeaseKind = "lease";
    public const string FlagKind = "flag";

    /// <summary>The SQL that sends one, given parameters <c>@channel</c>, <c>@kind</c>, <c>@key</c> and <c>@version</c>.</summary>
    public const string NotifySql = "pg_notify(@channel, json_build_object('kind', @kind::text, 'key', @key::text, 'version', @version::bigint)::text)";

    /// <summary>Reads a payload; null if it is not one (another sender on the channel).</summary>
    public static ChangeNotification? TryParse(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                && root.TryGetProperty("version", out var version) && version.TryGetInt64(out var number)
                ? new ChangeNotification(kind.GetString()!, key.GetString()!, number)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Adds the parameters of <see cref="NotifySql"/> to a command.</summary>
    public static void AddParameters(Npgsql.NpgsqlCommand command, PostgreSqlSettings settings, string kind, string key, long version)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.AddWithValue("channel", settings.Channel);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("version", version);
    }
}
