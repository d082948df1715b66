using System;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// Immutable per-cell totals of one quantity of one arm: for each of the <see cref="UnitKey.CellCount"/> analysis
/// cells, a count (requests, events or values) and, for values, their sum. Cells are random groups of units, so these
/// totals are independent across cells however requests cluster within units; the judge's unit-level tests read them.
/// Totals of disjoint observations (two processes) combine cell by cell with <see cref="Merge"/>.
/// </summary>
public sealed class UnitCells
{
    private readonly long[] _counts;
    private readonly double[]? _sums;

    private UnitCells(long[] counts, double[]? sums)
    {
        _counts = counts;
        _sums = sums;
        long total = 0;
        double sum = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total = checked(total + counts[i]);
            sum += sums is null ? 0 : sums[i];
        }

        TotalCount = total;
        TotalSum = sum;
    }

    /// <summary>Gets empty totals of counts only.</summary>
    public static UnitCells EmptyCounts { get; } = new(new long[UnitKey.CellCount], null);

    /// <summary>Gets empty totals of counts and sums.</summary>
    public static UnitCells EmptyValues { get; } = new(new long[UnitKey.CellCount], new double[UnitKey.CellCount]);

    /// <summary>Gets whether the cells carry sums (value metrics) besides counts.</summary>
    public bool HasSums => _sums is not null;

    /// <summary>Gets the sum of the counts of all cells.</summary>
    public long TotalCount { get; }

    /// <summary>Gets the sum of the sums of all cells (0 without sums).</summary>
    public double TotalSum { get; }

    /// <summary>Gets the counts, one per cell.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Gets the sums, one per cell; empty when <see cref="HasSums"/> is <see langword="false"/>.</summary>
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>Creates totals from per-cell counts and, for values, sums (both copied).</summary>
    /// <param name="counts">The counts, <see cref="UnitKey.CellCount"/> of them, each at least 0.</param>
    /// <param name="sums">The sums, <see cref="UnitKey.CellCount"/> finite numbers, or empty for counts only.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentException">A length is wrong, a count negative, a sum not finite, or a sum non-zero where its count is 0.</exception>
    public static UnitCells Create(ReadOnlySpan<long> counts, ReadOnlySpan<double> sums)
    {
        if (counts.Length != UnitKey.CellCount)
        {
            throw new ArgumentException($"There are {UnitKey.CellCount} cells, not {counts.Length}.", nameof(counts));
        }

        if (sums.Length != 0 && sums.Length != UnitKey.CellCount)
        {
            throw new ArgumentException($"There are {UnitKey.CellCount} cell sums or none, not {sums.Length}.", nameof(sums));
        }

        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException($"The count of cell {i} is negative.", nameof(counts));
            }

            if (sums.Length != 0 && (!double.IsFinite(sums[i]) || (counts[i] == 0 && sums[i] != 0)))
            {
                throw new ArgumentException($"The sum of cell {i} is not finite, or not 0 while its count is 0.", nameof(sums));
            }
        }

        return new UnitCells(counts.ToArray(), sums.Length == 0 ? null : sums.ToArray());
    }

    /// <summary>Combines the totals of two disjoint sets of observations cell by cell.</summary>
    /// <param name="a">The first totals.</param>
    /// <param name="b">The second totals.</param>
    /// <returns>The combined totals; with sums only when both have them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is <see langword="null"/>.</exception>
    public static UnitCells Merge(UnitCells a, UnitCells b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var counts = new long[UnitKey.CellCount];
        var sums = a._sums is not null && b._sums is not null ? new double[UnitKey.CellCount] : null;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = checked(a._counts[i] + b._counts[i]);
            if (sums is not null)
            {
                sums[i] = a._sums![i] + b._sums![i];
            }
        }

        return new UnitCells(counts, sums);
    }

    internal static UnitCells Own(long[] counts, double[]? sums) => new(counts, sums);

    internal static UnitCells? MergeOptional(UnitCells? a, UnitCells? b) =>
        a is null || b is null ? null : Merge(a, b);
}
