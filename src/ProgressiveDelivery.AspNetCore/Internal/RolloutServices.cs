using System;
using System.IO;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Registers the rollout services of <c>AddProgressiveDelivery</c>.</summary>
internal static class RolloutServices
{
    /// <summary>
    /// <see cref="RolloutStore"/> and <see cref="AuditLog"/> (files under <see cref="ProgressiveDeliveryOptions.RolloutStateDirectory"/>
    /// when the definitions have rollouts at start, else in memory: no directory appears in an app without rollouts),
    /// <see cref="RolloutManager"/> (also an <see cref="IOutcomeRecorder"/>, fed by the middleware), the gauges and the driver.
    /// </summary>
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(static provider => UsesFiles(provider, out var directory)
            ? new FileRolloutStore(directory, provider.GetRequiredService<TimeProvider>())
            : (RolloutStore)new InMemoryRolloutStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static provider => UsesFiles(provider, out var directory)
            ? new FileAuditLog(directory, provider.GetRequiredService<TimeProvider>())
            : (AuditLog)new InMemoryAuditLog(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static provider => new RolloutManager(
            provider.GetRequiredService<FlagEvaluator>(),
            provider.GetRequiredService<RolloutStore>(),
            provider.GetRequiredService<AuditLog>(),
            new RolloutManagerOptions
            {
                TimeProvider = provider.GetRequiredService<TimeProvider>(),
                Fleet = provider.GetService<RolloutFleet>(), // fleet mode when a fleet is registered (e.g. AddProgressiveDeliveryPostgreSql)
            }));
        services.AddSingleton<IOutcomeRecorder>(static provider => provider.GetRequiredService<RolloutManager>());
        services.TryAddSingleton<RolloutGauges>();
        services.TryAddSingleton<FlagStaleness>();
        services.TryAddSingleton<RolloutDriver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RolloutDriver>(static provider => provider.GetRequiredService<RolloutDriver>()));
    }

    private static bool UsesFiles(IServiceProvider provider, out string directory)
    {
        var relative = provider.GetRequiredService<IOptions<ProgressiveDeliveryOptions>>().Value.RolloutStateDirectory;
        var root = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        directory = Path.GetFullPath(Path.Combine(root, relative));
        _ = provider.GetRequiredService<FlagEvaluator>(); // builds our loader, unless the evaluator was replaced
        return provider.GetRequiredService<ProgressiveDeliveryRegistration>().Loader?.Rollouts is not null;
    }
}
