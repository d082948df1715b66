using System;
using ProgressiveDelivery.Analysis.Observations.Internal;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// A thread-safe, allocation-free count of events (errors, crashes, conversions) for one metric of one arm, kept per
/// analysis cell of the unit that had them (<see cref="UnitKey"/>). Get it once from
/// <see cref="ArmObservations.GetCounter"/> and keep it to record without a name lookup.
/// </summary>
public sealed class EventCounter
{
    private readonly CellAccumulator _cells = new(sums: false);

    /// <summary>Gets the number of events counted so far.</summary>
    public long Count => _cells.TotalCount;

    /// <summary>Counts one event of an unknown unit (<see cref="UnitKey.None"/>).</summary>
    public void Increment() => _cells.Increment(0);

    /// <summary>Counts one event of <paramref name="unit"/>.</summary>
    /// <param name="unit">The unit that had the event.</param>
    public void Increment(UnitKey unit) => _cells.Increment(unit.Cell);

    /// <summary>Counts <paramref name="events"/> events of an unknown unit at once.</summary>
    /// <param name="events">The number of events, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="events"/> is negative.</exception>
    public void Add(long events) => Add(events, UnitKey.None);

    /// <summary>Counts <paramref name="events"/> events of <paramref name="unit"/> at once.</summary>
    /// <param name="events">The number of events, at least 0.</param>
    /// <param name="unit">The unit that had them.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="events"/> is negative.</exception>
    public void Add(long events, UnitKey unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        _cells.Add(unit.Cell, events);
    }

    /// <summary>Returns the counts per analysis cell.</summary>
    /// <returns>An immutable copy.</returns>
    public UnitCells GetCells() => _cells.Snapshot();

    internal void Add(UnitCells cells) => _cells.Add(cells);
}
