using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Replaces the application's flag definitions with forced flags in a test host.</summary>
public static class FakeProgressiveDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the <see cref="FlagEvaluator"/> with one over <see cref="FakeFlags"/> (registered as a singleton too, so a
    /// test can change flags later). Works whether <c>AddProgressiveDelivery</c> is called before or after: the fake
    /// evaluator replaces an earlier registration, and a later <c>AddProgressiveDelivery</c> keeps it (it registers with
    /// <c>TryAdd</c>); configuration and files are then not read at all. Registered <see cref="EvaluationHook"/>s (the
    /// meters of the ASP.NET Core integration, an <see cref="EvaluationRecorder"/>) run on the fake evaluator. Calling it
    /// again adds to the same fakes.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Forces flags, e.g. <c>f =&gt; f.Set("new-checkout", "on")</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddFakeProgressiveDelivery(this IServiceCollection services, Action<FakeFlags> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        FakeFlags? fakes = null;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(FakeFlags) && descriptor.ImplementationInstance is FakeFlags existing)
            {
                fakes = existing;
            }
        }

        if (fakes is null)
        {
            fakes = new FakeFlags();
            services.AddSingleton(fakes);
            services.RemoveAll<FlagEvaluator>();
            services.AddSingleton(provider =>
            {
                var options = new FlagEvaluatorOptions();
                foreach (var hook in provider.GetServices<EvaluationHook>())
                {
                    options.Hooks.Add(hook);
                }

                return provider.GetRequiredService<FakeFlags>().CreateEvaluator(options);
            });
        }

        configure(fakes);
        return services;
    }
}
