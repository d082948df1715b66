using System;
using System.Collections.Generic;
using System.Globalization;

namespace CheckoutCanary;

/// <summary>
/// How fast a scenario runs. <see cref="Standard"/> keeps appsettings.json's plan (15-second bakes, 1-second ticks);
/// <see cref="Fast"/> (<c>--fast</c>, used by the tests) shortens bakes, ticks and the no-data limit.
/// </summary>
internal sealed record DemoSchedule(
    TimeSpan? Bake,
    TimeSpan? TickInterval,
    TimeSpan? NoDataLimit,
    TimeSpan? AdaptiveMinimumBake,
    TimeSpan Deadline,
    TimeSpan RefreshInterval)
{
    public const string RolloutId = "checkout-v2";
    public const string FlagKey = "checkout";

    /// <summary>The bake steps' indexes in appsettings.json's plan (setWeight, bake, setWeight, bake, ...).</summary>
    private static readonly int[] BakeStepIndexes = [1, 3, 5];

    /// <summary>Fleet mode: how often each replica writes its observations for the decider (the package's default is 5 s).</summary>
    public TimeSpan FleetFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Fleet mode: the version poll and heartbeat; a replica counts as gone after <see cref="FleetReplicaTimeout"/>.</summary>
    public TimeSpan FleetSyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan FleetReplicaTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static DemoSchedule Standard { get; } = new(
        Bake: null, TickInterval: null, NoDataLimit: null, AdaptiveMinimumBake: null,
        Deadline: TimeSpan.FromSeconds(85), RefreshInterval: TimeSpan.FromMilliseconds(500));

    public static DemoSchedule Fast { get; } = new(
        Bake: TimeSpan.FromSeconds(5), TickInterval: TimeSpan.FromMilliseconds(250), NoDataLimit: TimeSpan.FromSeconds(3),
        AdaptiveMinimumBake: TimeSpan.FromSeconds(2), Deadline: TimeSpan.FromSeconds(60), RefreshInterval: TimeSpan.FromMilliseconds(250))
    {
        FleetFlushInterval = TimeSpan.FromMilliseconds(500),
        FleetSyncInterval = TimeSpan.FromMilliseconds(250),
        FleetReplicaTimeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>Configuration keys that override appsettings.json for this schedule (none for <see cref="Standard"/>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ConfigurationOverrides()
    {
        const string Rollout = "ProgressiveDelivery:rollouts:" + RolloutId;
        if (TickInterval is { } tick)
        {
            yield return new("ProgressiveDelivery:RolloutTickInterval", Format(tick));
        }

        if (Bake is { } bake)
        {
            foreach (var index in BakeStepIndexes)
            {
                yield return new($"{Rollout}:plan:steps:{index}:bake", Format(bake));
            }
        }

        if (AdaptiveMinimumBake is { } minimum)
        {
            yield return new($"{Rollout}:plan:adaptiveMinimumBake", Format(minimum));
        }

        if (NoDataLimit is { } limit)
        {
            yield return new($"{Rollout}:analysis:noDataLimit", Format(limit));
        }
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
