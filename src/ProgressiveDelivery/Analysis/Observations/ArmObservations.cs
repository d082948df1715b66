using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// Everything observed on one arm (canary or baseline) of one rollout: the number of exposures (requests or units
/// that saw the arm), named event counts and named value recorders. All recording is thread-safe, O(1) and
/// allocation-free once a metric name has been seen (the first use of a name registers it).
/// </summary>
/// <remarks>
/// On the hottest paths, fetch the <see cref="EventCounter"/> or <see cref="ValueRecorder"/> once with
/// <see cref="GetCounter"/> / <see cref="GetValueRecorder"/> and record on it directly: that skips the name lookup.
/// Metric names are compared ordinally.
/// </remarks>
public sealed class ArmObservations
{
    private readonly ConcurrentDictionary<string, EventCounter> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ValueRecorder> _values = new(StringComparer.Ordinal);
    private long _exposures;

    /// <summary>Gets the number of exposures recorded so far.</summary>
    public long Exposures => Interlocked.Read(ref _exposures);

    /// <summary>Records one exposure (a request or unit that was served by this arm).</summary>
    public void RecordExposure() => Interlocked.Increment(ref _exposures);

    /// <summary>Records <paramref name="exposures"/> exposures at once.</summary>
    /// <param name="exposures">The number of exposures, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exposures"/> is negative.</exception>
    public void RecordExposures(long exposures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exposures);
        Interlocked.Add(ref _exposures, exposures);
    }

    /// <summary>Counts one event of the metric <paramref name="metric"/> (for example "errors").</summary>
    /// <param name="metric">The metric's name.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null or empty.</exception>
    public void RecordEvent(string metric) => GetCounter(metric).Increment();

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
    /// <param name="summary">The summary to add; its value summaries must carry histograms.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A non-empty value summary has no histogram or unknown extremes.</exception>
    public void Add(ArmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var pair in summary.Values)
        {
            if (pair.Value.Count > 0 && (pair.Value.Histogram is null || double.IsNaN(pair.Value.Min)))
            {
                throw new ArgumentException($"The value summary of metric '{pair.Key}' has no histogram or unknown extremes.", nameof(summary));
            }
        }

        RecordExposures(summary.Exposures);
        foreach (var pair in summary.Counts)
        {
            GetCounter(pair.Key).Add(pair.Value);
        }

        foreach (var pair in summary.Values)
        {
            GetValueRecorder(pair.Key).Add(pair.Value);
        }
    }

    /// <summary>
    /// Returns an immutable summary: exposures, the count of every registered counter and the summary of every
    /// registered value recorder. Each part is consistent in itself; parts recorded concurrently with the call may
    /// differ by the few observations in flight.
    /// </summary>
    /// <returns>The summary.</returns>
    public ArmSummary GetSummary()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in _counters)
        {
            counts[pair.Key] = pair.Value.Count;
        }

        var values = new Dictionary<string, ValueSummary>(StringComparer.Ordinal);
        foreach (var pair in _values)
        {
            values[pair.Key] = pair.Value.GetSummary();
        }

        return new ArmSummary(Exposures, counts, values);
    }
}
