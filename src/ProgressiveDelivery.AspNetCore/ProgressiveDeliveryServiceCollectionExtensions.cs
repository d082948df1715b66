using System;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.AspNetCore;
using ProgressiveDelivery.AspNetCore.Internal;
using ProgressiveDelivery.Evaluation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ProgressiveDelivery in an ASP.NET Core application.</summary>
public static class ProgressiveDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the flag evaluator and the integration, with definitions and settings from the <c>ProgressiveDelivery</c>
    /// configuration section (<c>flags</c> and <c>segments</c> in the documented JSON format, plus the settings of
    /// <see cref="ProgressiveDeliveryOptions"/>). Definitions are validated at start-up (invalid ones fail it with every
    /// error) and reloaded on change (an invalid change keeps the last good definitions and is logged).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Calling it again adds nothing. Every service is registered with <c>TryAdd</c>, so an earlier registration wins:
    /// <see cref="FlagEvaluator"/> (singleton), <see cref="TimeProvider"/> (default <see cref="TimeProvider.System"/>).
    /// Rollouts (the definitions' <c>rollouts</c>) run in a <see cref="ProgressiveDelivery.Rollouts.RolloutManager"/> singleton,
    /// also registered as an <see cref="ProgressiveDelivery.Outcomes.IOutcomeRecorder"/>, ticked by a hosted driver every
    /// <see cref="ProgressiveDeliveryOptions.RolloutTickInterval"/>; register a <see cref="ProgressiveDelivery.Rollouts.Persistence.RolloutStore"/>
    /// and an <see cref="ProgressiveDelivery.Rollouts.Audit.AuditLog"/> first to replace the files under
    /// <see cref="ProgressiveDeliveryOptions.RolloutStateDirectory"/>.
    /// Register <see cref="EvaluationHook"/> and <see cref="ProgressiveDelivery.Outcomes.IOutcomeRecorder"/> singletons to observe
    /// evaluations and request outcomes.
    /// </remarks>
    public static IServiceCollection AddProgressiveDelivery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        return services;
    }

    /// <summary>Registers ProgressiveDelivery (see <see cref="AddProgressiveDelivery(IServiceCollection)"/>) and configures its options in code, after configuration.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; runs after the configuration section is bound.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddProgressiveDelivery(this IServiceCollection services, Action<ProgressiveDeliveryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services);
        services.Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers ProgressiveDelivery (see <see cref="AddProgressiveDelivery(IServiceCollection)"/>) with definitions and
    /// settings from <paramref name="section"/> instead of the default <c>ProgressiveDelivery</c> section.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section that holds <c>flags</c>, <c>segments</c> and the settings; the last section given wins.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="section"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddProgressiveDelivery(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        AddCore(services).Section = section;
        return services;
    }

    private static ProgressiveDeliveryRegistration AddCore(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ProgressiveDeliveryRegistration) && descriptor.ImplementationInstance is ProgressiveDeliveryRegistration existing)
            {
                return existing;
            }
        }

        var registration = new ProgressiveDeliveryRegistration();
        services.AddSingleton(registration);

        services.AddOptions<ProgressiveDeliveryOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<ProgressiveDeliveryOptions>, ConfigureFromConfiguration>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProgressiveDeliveryOptions>, ProgressiveDeliveryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProgressiveDeliveryOptions>, ProgressiveDeliveryOptionsRules>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProgressiveDeliveryMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<EvaluationHook, TelemetryHook>());
        services.TryAddSingleton<FlagDefinitionsLoader>();
        services.TryAddSingleton(static provider => provider.GetRequiredService<FlagDefinitionsLoader>().Evaluator);
        services.TryAddSingleton<ProgressiveDeliveryRuntime>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, DefinitionsStartupFilter>());
        RolloutServices.Add(services);
        return registration;
    }
}
