using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProgressiveDelivery.AspNetCore.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ProgressiveDelivery health check to an application's health checks.</summary>
public static class ProgressiveDeliveryHealthChecksBuilderExtensions
{
    /// <summary>The default name of the health check: <c>progressive_delivery</c>.</summary>
    public const string DefaultName = "progressive_delivery";

    /// <summary>
    /// Adds a health check that is <see cref="HealthStatus.Unhealthy"/> when the flag definitions failed to load at start
    /// (possible only with <see cref="ProgressiveDelivery.AspNetCore.ProgressiveDeliveryOptions.FailStartOnInvalidDefinitions"/>
    /// off), <see cref="HealthStatus.Degraded"/> when the last reload of the definitions was rejected or a rollout is rolled
    /// back or paused for a reason other than a human's (<c>manual</c>) or the plan's (<c>pause_step</c>), or, in fleet
    /// mode, when this replica has not synced with the fleet for 30 seconds (<c>fleet.stale</c>), and
    /// <see cref="HealthStatus.Healthy"/> otherwise. The result's data names each problem and its reason
    /// (<c>definitions.reload.error</c>, <c>rollouts.{id}</c>, ...). Call <c>AddProgressiveDelivery</c> as well.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The name of the check.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>), or <see langword="null"/>.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    public static IHealthChecksBuilder AddProgressiveDeliveryHealthChecks(this IHealthChecksBuilder builder, string name = DefaultName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthContributor, DefinitionsHealthContributor>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthContributor, RolloutsHealthContributor>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthContributor, FleetHealthContributor>());
        builder.Services.TryAddSingleton<ProgressiveDeliveryHealthCheck>();
        return builder.AddCheck<ProgressiveDeliveryHealthCheck>(name, failureStatus: null, tags ?? []);
    }
}
