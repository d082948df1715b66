using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>The validated, immutable copy of <see cref="PostgreSqlFleetOptions"/>.</summary>
internal sealed class FleetSettings
{
    private FleetSettings(PostgreSqlFleetOptions options, string replicaId)
    {
        (LeaseDuration, FlushInterval, SyncInterval, ReplicaTimeout) = (options.LeaseDuration, options.FlushInterval, options.SyncInterval, options.ReplicaTimeout);
        RetentionPeriod = options.RetentionPeriod;
        ReplicaId = replicaId;
    }

    public TimeSpan LeaseDuration { get; }

    public TimeSpan FlushInterval { get; }

    public TimeSpan SyncInterval { get; }

    public TimeSpan ReplicaTimeout { get; }

    public TimeSpan RetentionPeriod { get; }

    /// <summary>How often a replica deletes what is past <see cref="RetentionPeriod"/>: hourly, or a quarter of the period if shorter.</summary>
    public TimeSpan RetentionInterval => RetentionPeriod / 4 < TimeSpan.FromHours(1) ? RetentionPeriod / 4 : TimeSpan.FromHours(1);

    public string ReplicaId { get; }

    /// <summary>Every problem of the options, each naming the property.</summary>
    public static List<string> Validate(PostgreSqlFleetOptions options)
    {
        var errors = new List<string>();
        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            errors.Add($"PostgreSqlFleetOptions.LeaseDuration must be at least 1 second, not {options.LeaseDuration}.");
        }

        if (options.FlushInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"PostgreSqlFleetOptions.FlushInterval must be at least 100 milliseconds, not {options.FlushInterval}.");
        }

        if (options.SyncInterval < TimeSpan.FromMilliseconds(50))
        {
            errors.Add($"PostgreSqlFleetOptions.SyncInterval must be at least 50 milliseconds, not {options.SyncInterval}.");
        }

        if (options.ReplicaTimeout <= options.SyncInterval)
        {
            errors.Add($"PostgreSqlFleetOptions.ReplicaTimeout ({options.ReplicaTimeout}) must be longer than SyncInterval ({options.SyncInterval}).");
        }

        if (options.RetentionPeriod < TimeSpan.FromHours(1) || options.RetentionPeriod <= options.ReplicaTimeout)
        {
            errors.Add($"PostgreSqlFleetOptions.RetentionPeriod must be at least 1 hour and longer than ReplicaTimeout ({options.ReplicaTimeout}), not {options.RetentionPeriod}.");
        }

        if (options.ReplicaId is { } id && (id.Length is 0 or > 128 || string.IsNullOrWhiteSpace(id)))
        {
            errors.Add("PostgreSqlFleetOptions.ReplicaId must be null (a fresh id) or 1 to 128 characters, not blank.");
        }

        return errors;
    }

    public static FleetSettings From(PostgreSqlFleetOptions? options, string parameterName)
    {
        options ??= new PostgreSqlFleetOptions();
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), parameterName);
        }

        return new FleetSettings(options, options.ReplicaId ?? NewReplicaId());
    }

    private static string NewReplicaId() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}");
}
