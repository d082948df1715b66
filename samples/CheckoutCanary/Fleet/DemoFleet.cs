using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Npgsql;

namespace CheckoutCanary.Fleet;

/// <summary>
/// Fleet mode (<c>--replicas N --postgres "..."</c>): N copies of the shop, one in this process and the others child
/// processes, sharing one PostgreSQL schema per scenario (<c>checkout_demo_&lt;run&gt;_&lt;scenario&gt;</c>), so each
/// scenario's rollout starts fresh; the schema is dropped after the scenario unless <see cref="KeepSchema"/>.
/// </summary>
internal sealed record DemoFleet(int Replicas, string ConnectionString, bool KeepSchema)
{
    public const int MaxReplicas = 9;

    /// <summary>This run's id in the schema names: two demos on one database never share a schema.</summary>
    public string RunId { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    public string SchemaFor(Scenario scenario) => $"checkout_demo_{RunId}_{scenario.Name.Replace('-', '_')}";

    /// <summary>Why <paramref name="connectionString"/> cannot serve fleet mode, or null when it can.</summary>
    public static string? ConnectionStringError(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            return $"--postgres: the connection string is not valid: {exception.Message}";
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return "--postgres: the connection string names no Host, e.g. \"Host=localhost;Database=demo;Username=postgres\".";
        }

        return builder.Multiplexing
            ? "--postgres: Multiplexing=true is not supported in fleet mode (each replica holds a LISTEN connection and transactions); remove it."
            : null;
    }

    /// <summary>Drops a scenario's schema with everything in it (the audit table's triggers refuse deletes, not a drop).</summary>
    public async Task DropSchemaAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}
