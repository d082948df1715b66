using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// Everything observed on one arm (canary or baseline) of one rollout: the number of exposures (requests served by the
/// arm), the units seen, named event counts and named value recorders, each kept per analysis cell of the unit
/// (<see cref="UnitKey"/>) so that the judge can test units rather than requests. All recording is thread-safe, O(1)
/// and allocation-free once a metric name has been seen (the first use of a name registers it).
/// </summary>
/// <remarks>
/// <para>
/// Both arms of one comparison should share one <see cref="UnitSet"/> (pass it to both constructors): a unit then counts
/// once, in the arm where it was first seen, which is what the sample-ratio test on units needs when a weight change
/// moves units from one arm to the other.
/// </para>
/// <para>
/// On the hottest paths, fetch the <see cref="EventCounter"/> or <see cref="ValueRecorder"/> once with
/// <see cref="GetCounter"/> / <see cref="GetValueRecorder"/> and record on it directly: that skips the name lookup.
/// Metric names are compared ordinally.
/// </para>
/// </remarks>
public sealed class ArmObservations
{
    private readonly ConcurrentDictionary<string, EventCounter> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ValueRecorder> _values = new(StringComparer.Ordinal);
    private readonly EventCounter _exposures = new();
    private readonly EventCounter _units = new();
    private readonly UnitSet _unitSet;

    /// <summary>Creates an empty arm with a unit set of its own.</summary>
    public ArmObservations()
        : this(null)
    {
    }

    /// <summary>Creates an empty arm that counts units in <paramref name="units"/>, shared with the other arms of the comparison.</summary>
    /// <param name="units">The set of units seen by every arm of the comparison; <see langword="null"/> for one of its own.</param>
    public ArmObservations(UnitSet? units)
    {
        _unitSet = units ?? new UnitSet();
    }

    /// <summary>Gets the number of exposures recorded so far.</summary>
    public long Exposures => _exposures.Count;

    /// <summary>
    /// Gets the number of units first seen in this arm (each unit counts once across the arms sharing the unit set;
    /// see <see cref="UnitSet"/> for collisions).
    /// </summary>
    public long Units => _units.Count;

    /// <summary>Gets the unit set this arm counts units in.</summary>
    public UnitSet UnitSet => _unitSet;

    /// <summary>Records one exposure of an unknown unit (<see cref="UnitKey.None"/>).</summary>
    public void RecordExposure() => RecordExposure(UnitKey.None);

    /// <summary>Records one exposure (a request served by this arm) of <paramref name="unit"/>; counts the unit when it is new.</summary>
    /// <param name="unit">The unit served.</param>
    public void RecordExposure(UnitKey unit)
    {
        _exposures.Increment(unit);
        if (_unitSet.TryAdd(unit))
        {
            _units.Increment(unit);
        }
    }

    /// <summary>Records <paramref name="exposures"/> exposures of an unknown unit at once.</summary>
    /// <param name="exposures">The number of exposures, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exposures"/> is negative.</exception>
    public void RecordExposures(long exposures) => RecordExposures(exposures, UnitKey.None);

    /// <summary>Records <paramref name="exposures"/> exposures of <paramref name="unit"/> at once.</summary>
    /// <param name="exposures">The number of exposures, at least 0.</param>
    /// <param name="unit">The unit served.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exposures"/> is negative.</exception>
    public void RecordExposures(long exposures, UnitKey unit)
    {
        _exposures.Add(exposures, unit);
        if (exposures > 0 && _unitSet.TryAdd(unit))
        {
            _units.Increment(unit);
        }
    }

    /// <summary>Counts one event of the metric <paramref name="metric"/> (for example "errors").</summary>
    /// <param name="metric">The metric's name.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    public void RecordEvent(string metric) => GetCounter(metric).Increment();

    /// <summary>Counts one event of the metric <paramref name="metric"/> for <paramref name="unit"/>.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="unit">The unit that had the event.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    public void RecordEvent(string metric, UnitKey unit) => GetCounter(metric).Increment(unit);

    /// <summary>Counts <paramref name="events"/> events of the metric <paramref name="metric"/>.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="events">The number of events, at least 0.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="events"/> is negative.</exception>
    public void RecordEvents(string metric, long events) => GetCounter(metric).Add(events);

    /// <summary>Records one value of the metric <paramref name="metric"/> (for example "latency").</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="value">The value; magnitude at most <see cref="ValueRecorder.MaxMagnitude"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or its magnitude exceeds <see cref="ValueRecorder.MaxMagnitude"/>.</exception>
    public void RecordValue(string metric, double value) => GetValueRecorder(metric).Record(value);

    /// <summary>Records one value of the metric <paramref name="metric"/> for <paramref name="unit"/>.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="value">The value; magnitude at most <see cref="ValueRecorder.MaxMagnitude"/>.</param>
    /// <param name="unit">The unit the value belongs to.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or its magnitude exceeds <see cref="ValueRecorder.MaxMagnitude"/>.</exception>
    public void RecordValue(string metric, double value, UnitKey unit) => GetValueRecorder(metric).Record(value, unit);

    /// <summary>Returns the counter of the metric <paramref name="metric"/>, registering it on first use.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <returns>The counter; the same instance for the same name.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    public EventCounter GetCounter(string metric)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        return _counters.TryGetValue(metric, out var counter)
            ? counter
            : _counters.GetOrAdd(metric, static _ => new EventCounter());
    }

    /// <summary>Returns the value recorder of the metric <paramref name="metric"/>, registering it on first use.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <returns>The recorder; the same instance for the same name.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    public ValueRecorder GetValueRecorder(string metric)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        return _values.TryGetValue(metric, out var recorder)
            ? recorder
            : _values.GetOrAdd(metric, static _ => new ValueRecorder());
    }

    /// <summary>
    /// Adds everything an arm summary describes (exposures, counts and value summaries), as if it had been recorded
    /// here: for example to resume after a restart from a summary persisted with <see cref="ObservationJson"/>.
    /// </summary>
    /// <param name="summary">The summary to add; it must carry unit cells, and its value summaries histograms.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The summary has no unit cells, or a non-empty value summary has no histogram or unknown extremes.</exception>
    /// <remarks>The summary's unit count is added as it is; its units are not added to the unit set (a summary does not list them).</remarks>
    public void Add(ArmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!summary.HasCells)
        {
            throw new ArgumentException("The summary has no unit cells (it was not recorded per unit).", nameof(summary));
        }

        foreach (var pair in summary.Values)
        {
            if (pair.Value.Count > 0 && (pair.Value.Histogram is null || double.IsNaN(pair.Value.Min) || pair.Value.Cells is null))
            {
                throw new ArgumentException($"The value summary of metric '{pair.Key}' has no histogram, unknown extremes or no unit cells.", nameof(summary));
            }
        }

        _exposures.Add(summary.ExposureCells!);
        _units.Add(summary.UnitCells!);
        foreach (var pair in summary.CountCells)
        {
            GetCounter(pair.Key).Add(pair.Value);
        }

        foreach (var pair in summary.Values)
        {
            GetValueRecorder(pair.Key).Add(pair.Value);
        }
    }

    /// <summary>
    /// Returns an immutable summary: exposures and units per cell, the cells of every registered counter and the summary
    /// of every registered value recorder. Each part is consistent in itself; parts recorded concurrently with the call may
    /// differ by the few observations in flight.
    /// </summary>
    /// <returns>The summary.</returns>
    public ArmSummary GetSummary()
    {
        var counts = new Dictionary<string, UnitCells>(StringComparer.Ordinal);
        foreach (var pair in _counters)
        {
            counts[pair.Key] = pair.Value.GetCells();
        }

        var values = new Dictionary<string, ValueSummary>(StringComparer.Ordinal);
        foreach (var pair in _values)
        {
            values[pair.Key] = pair.Value.GetSummary();
        }

        return ArmSummary.FromCells(_exposures.GetCells(), _units.GetCells(), counts, values);
    }
}
