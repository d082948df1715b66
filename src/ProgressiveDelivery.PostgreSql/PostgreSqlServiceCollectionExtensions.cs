using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ProgressiveDelivery.PostgreSql;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Persistence;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers fleet mode on PostgreSQL.</summary>
public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Runs the application's rollouts as one across every replica that uses this database: rollout state and the audit
    /// chain in PostgreSQL (replacing the embedded file store), one decider per rollout by lease, every replica's
    /// observations merged, every replica applying each new weight within about a second. Tables are created on first
    /// use (schema <see cref="PostgreSqlFleetOptions.Schema"/>). Use it with <c>AddProgressiveDelivery()</c>, in either order.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The database's Npgsql connection string (no multiplexing).</param>
    /// <param name="configure">Adjusts the fleet's options; <see langword="null"/> for the defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or asks for multiplexing, or an option is invalid; the message says which.</exception>
    public static IServiceCollection AddProgressiveDeliveryPostgreSql(this IServiceCollection services, string connectionString, Action<PostgreSqlFleetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = ParseConnectionString(connectionString);
        var options = new PostgreSqlFleetOptions();
        configure?.Invoke(options);
        var errors = FleetSettings.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(configure));
        }

        var schema = options.Schema;
        services.AddSingleton(_ => new FleetDataSource(NpgsqlDataSource.Create(builder.ConnectionString)));
        services.AddSingleton(provider => new PostgreSqlFleet(provider.GetRequiredService<FleetDataSource>().DataSource, options));
        services.AddSingleton<RolloutFleet>(provider => provider.GetRequiredService<PostgreSqlFleet>());
        services.AddSingleton<RolloutStore>(provider => new PostgreSqlRolloutStore(provider.GetRequiredService<FleetDataSource>().DataSource, new PostgreSqlStoreOptions { Schema = schema }));
        services.AddSingleton<AuditLog>(provider => new PostgreSqlAuditLog(provider.GetRequiredService<FleetDataSource>().DataSource, new PostgreSqlStoreOptions { Schema = schema }));

        // First among the hosted services, so it stops last: its final flush and lease hand-over come after the rollout driver stopped.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlFleetService>());
        var index = services.Count - 1;
        if (services[index].ImplementationType == typeof(PostgreSqlFleetService))
        {
            var descriptor = services[index];
            services.RemoveAt(index);
            services.Insert(0, descriptor);
        }

        return services;
    }

    private static NpgsqlConnectionStringBuilder ParseConnectionString(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The PostgreSQL connection string is empty.", nameof(connectionString));
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {exception.Message}", nameof(connectionString), exception);
        }

        if (builder.Multiplexing)
        {
            throw new ArgumentException("The PostgreSQL connection string asks for Multiplexing, which fleet mode does not support (it holds a LISTEN connection and transactions); remove 'Multiplexing=true'.", nameof(connectionString));
        }

        return builder;
    }
}
