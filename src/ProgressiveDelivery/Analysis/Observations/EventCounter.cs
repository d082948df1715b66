using System;
using System.Threading;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// A thread-safe, allocation-free count of events (errors, crashes, conversions) for one metric of one arm. Get it once
/// from <see cref="ArmObservations.GetCounter"/> and keep it to record without a name lookup.
/// </summary>
public sealed class EventCounter
{
    private long _count;

    /// <summary>Gets the number of events counted so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts one event.</summary>
    public void Increment() => Interlocked.Increment(ref _count);

    /// <summary>Counts <paramref name="events"/> events at once.</summary>
    /// <param name="events">The number of events, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="events"/> is negative.</exception>
    public void Add(long events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        Interlocked.Add(ref _count, events);
    }
}
