namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>What a <see cref="ChangeListener"/> reports: a change, or that it (re)started listening.</summary>
/// <param name="Notification">The change; null for <see cref="Reconnected"/>.</param>
internal sealed record ChangeSignal(ChangeNotification? Notification)
{
    /// <summary>
    /// Listening (again): notifications sent while not listening were lost, so re-read everything. Raised for the first
    /// connection too, since anything may have changed before it.
    /// </summary>
    public static ChangeSignal Reconnected { get; } = new((ChangeNotification?)null);

    public bool IsReconnected => Notification is null;
}
