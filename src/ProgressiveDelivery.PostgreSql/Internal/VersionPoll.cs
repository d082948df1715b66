using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// The cheap query a replica runs every second, the safety net under the notifications: one statement reading the
/// version of every rollout and every flag change (keys and versions only, never the documents).
/// </summary>
/// <remarks>
/// Flag versions are returned per key rather than as one maximum: versions count per key, so a change to a flag whose
/// version stays below another flag's would not move the maximum and would go unseen.
/// </remarks>
internal sealed class VersionPoll(PostgreSqlDatabase database)
{
    private readonly string _sql =
        $"""
        SELECT 'r', rollout_id, version FROM {database.Settings.Table("rollout_state")}
        UNION ALL
        SELECT 'f', flag_key, version FROM {database.Settings.Table("flag_changes")}
        """;

    public async Task<VersionSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rollouts = new Dictionary<string, long>(StringComparer.Ordinal);
        var flags = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            (reader.GetString(0) == "r" ? rollouts : flags)[reader.GetString(1)] = reader.GetInt64(2);
        }

        return new VersionSnapshot(rollouts, flags);
    }
}
