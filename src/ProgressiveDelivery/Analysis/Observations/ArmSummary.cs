using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// An immutable summary of one arm: exposures, event counts by metric and value summaries by metric. Summaries of
/// the same arm from several processes combine with <see cref="Merge"/>.
/// </summary>
public sealed class ArmSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="exposures">The number of exposures, at least 0.</param>
    /// <param name="counts">Event counts by metric name (copied); <see langword="null"/> for none.</param>
    /// <param name="values">Value summaries by metric name (copied); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exposures"/> or a count is negative.</exception>
    /// <exception cref="ArgumentException">A metric name is empty or repeated, or a value summary is <see langword="null"/>.</exception>
    public ArmSummary(long exposures, IEnumerable<KeyValuePair<string, long>>? counts = null, IEnumerable<KeyValuePair<string, ValueSummary>>? values = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exposures);
        var countCopy = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in counts ?? [])
        {
            ArgumentException.ThrowIfNullOrEmpty(pair.Key, nameof(counts));
            if (pair.Value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), pair.Value, $"The count of metric '{pair.Key}' is negative.");
            }

            if (!countCopy.TryAdd(pair.Key, pair.Value))
            {
                throw new ArgumentException($"The metric '{pair.Key}' appears twice in the counts.", nameof(counts));
            }
        }

        var valueCopy = new Dictionary<string, ValueSummary>(StringComparer.Ordinal);
        foreach (var pair in values ?? [])
        {
            ArgumentException.ThrowIfNullOrEmpty(pair.Key, nameof(values));
            var summary = pair.Value ?? throw new ArgumentException($"The summary of metric '{pair.Key}' is null.", nameof(values));
            if (!valueCopy.TryAdd(pair.Key, summary))
            {
                throw new ArgumentException($"The metric '{pair.Key}' appears twice in the values.", nameof(values));
            }
        }

        Exposures = exposures;
        Counts = new ReadOnlyDictionary<string, long>(countCopy);
        Values = new ReadOnlyDictionary<string, ValueSummary>(valueCopy);
    }

    /// <summary>Gets the summary of an arm that observed nothing.</summary>
    public static ArmSummary Empty { get; } = new(0);

    /// <summary>Gets the number of exposures (requests or units served by the arm).</summary>
    public long Exposures { get; }

    /// <summary>Gets the event counts by metric name (ordinal).</summary>
    public IReadOnlyDictionary<string, long> Counts { get; }

    /// <summary>Gets the value summaries by metric name (ordinal).</summary>
    public IReadOnlyDictionary<string, ValueSummary> Values { get; }

    /// <summary>Returns the count of <paramref name="metric"/>, or 0 when no such event was recorded.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metric"/> is <see langword="null"/>.</exception>
    public long GetCount(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Counts.TryGetValue(metric, out var count) ? count : 0;
    }

    /// <summary>Returns the value summary of <paramref name="metric"/>, or <see cref="ValueSummary.Empty"/> when none was recorded.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metric"/> is <see langword="null"/>.</exception>
    public ValueSummary GetValues(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Values.TryGetValue(metric, out var summary) ? summary : ValueSummary.Empty;
    }

    /// <summary>
    /// Combines the summaries of two disjoint sets of observations of the same arm (for example from two processes):
    /// exposures and counts add, value summaries merge with <see cref="ValueSummary.Merge"/>.
    /// </summary>
    /// <param name="a">The first summary.</param>
    /// <param name="b">The second summary.</param>
    /// <returns>The combined summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is <see langword="null"/>.</exception>
    public static ArmSummary Merge(ArmSummary a, ArmSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var counts = new Dictionary<string, long>(a.Counts, StringComparer.Ordinal);
        foreach (var pair in b.Counts)
        {
            counts[pair.Key] = checked(counts.GetValueOrDefault(pair.Key) + pair.Value);
        }

        var values = new Dictionary<string, ValueSummary>(a.Values, StringComparer.Ordinal);
        foreach (var pair in b.Values)
        {
            values[pair.Key] = values.TryGetValue(pair.Key, out var existing) ? ValueSummary.Merge(existing, pair.Value) : pair.Value;
        }

        return new ArmSummary(checked(a.Exposures + b.Exposures), counts, values);
    }
}
