using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// Leases timed by the database's clock (<c>now()</c>), so holders need no clock agreement and hold no session: a row per
/// lease, taken with an upsert when it is free or already the caller's, renewed while live, resigned by expiring it.
/// </summary>
/// <remarks>
/// The epoch grows by one whenever the lease is taken anew: by another holder, or by the same holder after it had
/// expired (its earlier tenure may still have writes in flight). Renewing, or acquiring again while live, keeps it.
/// Fenced writes (<see cref="RolloutCommitter"/>) check holder, epoch and expiry in their own transaction.
/// </remarks>
internal sealed class LeaseTable(PostgreSqlDatabase database)
{
    private readonly PostgreSqlSettings _settings = database.Settings;

    /// <summary>Takes the lease if it is free (absent or expired) or already <paramref name="holder"/>'s; extends it to now + <paramref name="duration"/>.</summary>
    /// <returns>The token, or null when another holder has a live lease.</returns>
    public async Task<LeaseToken?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Validate(name, holder, duration);
        var table = _settings.Table("leases");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {table} AS l (name, holder, epoch, acquired_at, expires_at)
            VALUES (@name, @holder, 1, now(), now() + @duration)
            ON CONFLICT (name) DO UPDATE SET
                holder = excluded.holder,
                epoch = CASE WHEN l.holder = excluded.holder AND l.expires_at > now() THEN l.epoch ELSE l.epoch + 1 END,
                acquired_at = CASE WHEN l.holder = excluded.holder AND l.expires_at > now() THEN l.acquired_at ELSE now() END,
                expires_at = excluded.expires_at
            WHERE l.expires_at <= now() OR l.holder = excluded.holder
            RETURNING epoch, expires_at
            """,
            connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("holder", holder);
        command.Parameters.AddWithValue("duration", duration);
        return await ReadTokenAsync(command, name, holder, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extends a live lease still held with this token's holder and epoch to now + <paramref name="duration"/>.</summary>
    /// <returns>The renewed token (same epoch), or null when the lease was lost (expired, taken, or resigned).</returns>
    public async Task<LeaseToken?> RenewAsync(LeaseToken token, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        Validate(token.Name, token.Holder, duration);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE {_settings.Table("leases")} SET expires_at = now() + @duration
            WHERE name = @name AND holder = @holder AND epoch = @epoch AND expires_at > now()
            RETURNING epoch, expires_at
            """,
            connection);
        command.Parameters.AddWithValue("name", token.Name);
        command.Parameters.AddWithValue("holder", token.Holder);
        command.Parameters.AddWithValue("epoch", token.Epoch);
        command.Parameters.AddWithValue("duration", duration);
        return await ReadTokenAsync(command, token.Name, token.Holder, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a lease up now if this token still holds it, and notifies (kind <c>lease</c>, version = epoch) so a standby takes over at once.</summary>
    /// <returns>Whether the lease was still held and is now released.</returns>
    public async Task<bool> ResignAsync(LeaseToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            WITH resigned AS (
                UPDATE {_settings.Table("leases")} SET expires_at = now()
                WHERE name = @name AND holder = @holder AND epoch = @epoch AND expires_at > now()
                RETURNING name
            )
            SELECT {ChangeNotification.NotifySql} FROM resigned
            """,
            connection);
        command.Parameters.AddWithValue("name", token.Name);
        command.Parameters.AddWithValue("holder", token.Holder);
        command.Parameters.AddWithValue("epoch", token.Epoch);
        ChangeNotification.AddParameters(command, _settings, ChangeNotification.LeaseKind, token.Name, token.Epoch);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a lease; null if it was never taken.</summary>
    public async Task<LeaseRecord?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT holder, epoch, acquired_at, expires_at, expires_at > now() FROM {_settings.Table("leases")} WHERE name = @name",
            connection);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LeaseRecord(
                name,
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetBoolean(4))
            : null;
    }

    private static async Task<LeaseToken?> ReadTokenAsync(NpgsqlCommand command, string name, string holder, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LeaseToken(name, holder, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    private static void Validate(string name, string holder, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        if (name.Length > 128 || holder.Length > 128)
        {
            throw new ArgumentException($"A lease name and holder are at most 128 characters (name '{name}', holder '{holder}').", name.Length > 128 ? nameof(name) : nameof(holder));
        }

        SqlParameters.ThrowIfUnstorable(name, "lease name", nameof(name));
        SqlParameters.ThrowIfUnstorable(holder, "lease holder", nameof(holder));
    }
}
