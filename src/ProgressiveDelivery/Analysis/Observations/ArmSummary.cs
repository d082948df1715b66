using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// An immutable summary of one arm: exposures, units, event counts by metric and value summaries by metric, and, when
/// recorded per unit (<see cref="FromCells"/>, <see cref="ArmObservations.GetSummary"/>), each of them per analysis
/// cell (<see cref="UnitCells"/>), which the judge's unit-level tests need. Summaries of the same arm from several
/// processes combine with <see cref="Merge"/>.
/// </summary>
public sealed class ArmSummary
{
    /// <summary>Creates a summary without unit cells (for request-level analysis only).</summary>
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

        var valueCopy = CopyValues(values, requireCells: false);
        Exposures = exposures;
        Counts = new ReadOnlyDictionary<string, long>(countCopy);
        Values = new ReadOnlyDictionary<string, ValueSummary>(valueCopy);
        CountCells = EmptyCells;
    }

    private ArmSummary(UnitCells exposures, UnitCells units, Dictionary<string, UnitCells> countCells, Dictionary<string, ValueSummary> values)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in countCells)
        {
            counts[pair.Key] = pair.Value.TotalCount;
        }

        Exposures = exposures.TotalCount;
        Units = units.TotalCount;
        ExposureCells = exposures;
        UnitCells = units;
        Counts = new ReadOnlyDictionary<string, long>(counts);
        CountCells = new ReadOnlyDictionary<string, UnitCells>(countCells);
        Values = new ReadOnlyDictionary<string, ValueSummary>(values);
    }

    private static readonly IReadOnlyDictionary<string, UnitCells> EmptyCells = new ReadOnlyDictionary<string, UnitCells>(new Dictionary<string, UnitCells>());

    /// <summary>Creates a summary recorded per unit: exposures, units and event counts per analysis cell, and value summaries.</summary>
    /// <param name="exposures">The exposures per cell (counts only).</param>
    /// <param name="units">The units first seen in this arm, per cell (counts only).</param>
    /// <param name="counts">The events of each metric per cell (counts only); <see langword="null"/> for none.</param>
    /// <param name="values">The value summaries by metric, each with cells; <see langword="null"/> for none.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exposures"/> or <paramref name="units"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A metric name is empty or repeated, cells are null or carry sums, or a value summary is null or has no cells.</exception>
    public static ArmSummary FromCells(UnitCells exposures, UnitCells units, IEnumerable<KeyValuePair<string, UnitCells>>? counts = null, IEnumerable<KeyValuePair<string, ValueSummary>>? values = null)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        ArgumentNullException.ThrowIfNull(units);
        if (exposures.HasSums || units.HasSums)
        {
            throw new ArgumentException("Exposure and unit cells hold counts only.", nameof(exposures));
        }

        var countCopy = new Dictionary<string, UnitCells>(StringComparer.Ordinal);
        foreach (var pair in counts ?? [])
        {
            ArgumentException.ThrowIfNullOrEmpty(pair.Key, nameof(counts));
            if (pair.Value is null || pair.Value.HasSums)
            {
                throw new ArgumentException($"The cells of metric '{pair.Key}' are null or carry sums.", nameof(counts));
            }

            if (!countCopy.TryAdd(pair.Key, pair.Value))
            {
                throw new ArgumentException($"The metric '{pair.Key}' appears twice in the counts.", nameof(counts));
            }
        }

        return new ArmSummary(exposures, units, countCopy, CopyValues(values, requireCells: true));
    }

    private static Dictionary<string, ValueSummary> CopyValues(IEnumerable<KeyValuePair<string, ValueSummary>>? values, bool requireCells)
    {
        var copy = new Dictionary<string, ValueSummary>(StringComparer.Ordinal);
        foreach (var pair in values ?? [])
        {
            ArgumentException.ThrowIfNullOrEmpty(pair.Key, nameof(values));
            var summary = pair.Value ?? throw new ArgumentException($"The summary of metric '{pair.Key}' is null.", nameof(values));
            if (requireCells && summary.Cells is null)
            {
                throw new ArgumentException($"The summary of metric '{pair.Key}' has no unit cells.", nameof(values));
            }

            if (!copy.TryAdd(pair.Key, summary))
            {
                throw new ArgumentException($"The metric '{pair.Key}' appears twice in the values.", nameof(values));
            }
        }

        return copy;
    }

    /// <summary>Gets the summary of an arm that observed nothing (with empty unit cells).</summary>
    public static ArmSummary Empty { get; } = FromCells(UnitCells.EmptyCounts, UnitCells.EmptyCounts);

    /// <summary>Gets the number of exposures (requests served by the arm).</summary>
    public long Exposures { get; }

    /// <summary>Gets the number of units first seen in this arm (0 when not recorded per unit).</summary>
    public long Units { get; }

    /// <summary>Gets whether the summary was recorded per unit: exposures, units and counts carry their analysis cells.</summary>
    public bool HasCells => ExposureCells is not null;

    /// <summary>Gets the exposures per analysis cell, or <see langword="null"/> when not recorded per unit.</summary>
    public UnitCells? ExposureCells { get; }

    /// <summary>Gets the units first seen in this arm per analysis cell, or <see langword="null"/> when not recorded per unit.</summary>
    public UnitCells? UnitCells { get; }

    /// <summary>Gets the event counts per analysis cell by metric name (empty when not recorded per unit).</summary>
    public IReadOnlyDictionary<string, UnitCells> CountCells { get; }

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

    /// <summary>
    /// Returns the event counts of <paramref name="metric"/> per analysis cell: empty cells when no such event was
    /// recorded, <see langword="null"/> when the summary was not recorded per unit.
    /// </summary>
    /// <param name="metric">The metric's name.</param>
    /// <returns>The cells.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metric"/> is <see langword="null"/>.</exception>
    public UnitCells? GetCountCells(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return !HasCells ? null : CountCells.TryGetValue(metric, out var cells) ? cells : Observations.UnitCells.EmptyCounts;
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
    /// exposures, units and counts add (cell by cell when both are recorded per unit), value summaries merge with
    /// <see cref="ValueSummary.Merge"/>.
    /// </summary>
    /// <param name="a">The first summary.</param>
    /// <param name="b">The second summary.</param>
    /// <returns>The combined summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is <see langword="null"/>.</exception>
    public static ArmSummary Merge(ArmSummary a, ArmSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.HasCells && b.HasCells)
        {
            var cells = new Dictionary<string, UnitCells>(a.CountCells, StringComparer.Ordinal);
            foreach (var pair in b.CountCells)
            {
                cells[pair.Key] = cells.TryGetValue(pair.Key, out var existing) ? Observations.UnitCells.Merge(existing, pair.Value) : pair.Value;
            }

            return new ArmSummary(
                Observations.UnitCells.Merge(a.ExposureCells!, b.ExposureCells!),
                Observations.UnitCells.Merge(a.UnitCells!, b.UnitCells!),
                cells,
                MergeValues(a, b));
        }

        var counts = new Dictionary<string, long>(a.Counts, StringComparer.Ordinal);
        foreach (var pair in b.Counts)
        {
            counts[pair.Key] = checked(counts.GetValueOrDefault(pair.Key) + pair.Value);
        }

        return new ArmSummary(checked(a.Exposures + b.Exposures), counts, MergeValues(a, b));
    }

    private static Dictionary<string, ValueSummary> MergeValues(ArmSummary a, ArmSummary b)
    {
        var values = new Dictionary<string, ValueSummary>(a.Values, StringComparer.Ordinal);
        foreach (var pair in b.Values)
        {
            values[pair.Key] = values.TryGetValue(pair.Key, out var existing) ? ValueSummary.Merge(existing, pair.Value) : pair.Value;
        }

        return values;
    }
}
