using System;

namespace ProgressiveDelivery.Rollouts;

/// <summary>The settings of a <see cref="RolloutManager"/> (validated and copied by its constructor).</summary>
public sealed class RolloutManagerOptions
{
    /// <summary>The clock of ticks and commands.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The actor named in the audit entries of automatic transitions.</summary>
    /// <value>The default value is <c>controller</c>.</value>
    public string ControllerActor { get; set; } = "controller";

    /// <summary>How many times a command is retried from fresh state when another writer changed the rollout first.</summary>
    /// <value>The default value is 5.</value>
    public int MaxConcurrencyAttempts { get; set; } = 5;

    /// <summary>
    /// The fleet this replica runs the rollouts with, or <see langword="null"/> to run them in this process alone. In
    /// fleet mode only the lease holder of a rollout judges it, on every replica's observations; state and audit entries
    /// are committed together through the fleet; see <see cref="Fleet.RolloutFleet"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Fleet.RolloutFleet? Fleet { get; set; }
}
