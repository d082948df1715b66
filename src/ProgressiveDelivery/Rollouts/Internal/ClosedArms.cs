namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>A replica's observations of a step that ended, and how many flushes saw them closed.</summary>
internal sealed class ClosedArms(RolloutArms arms)
{
    public RolloutArms Arms { get; } = arms;

    /// <summary>How many flushes collected them after they closed (a recording racing the close has landed by the second).</summary>
    public int TimesCollectedClosed { get; set; }
}
