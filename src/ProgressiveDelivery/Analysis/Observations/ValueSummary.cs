using System;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// An immutable summary of a set of values: count, mean and sum of squared deviations (Welford's M2), min, max and
/// (when recorded) a read-only <see cref="LogLinearHistogram"/>. Summaries of disjoint sets combine exactly with
/// <see cref="Merge"/> (Chan, Golub and LeVeque's parallel formula).
/// </summary>
public sealed class ValueSummary
{
    /// <summary>Creates a summary from its moments.</summary>
    /// <param name="count">The number of values, at least 0.</param>
    /// <param name="mean">The mean of the values; must be 0 when <paramref name="count"/> is 0.</param>
    /// <param name="m2">The sum of squared deviations from the mean, at least 0; must be 0 when <paramref name="count"/> is 0.</param>
    /// <param name="min">
    /// The smallest value; <see cref="double.NaN"/> when <paramref name="count"/> is 0, or (together with
    /// <paramref name="max"/>) when the extremes are unknown, e.g. for a summary built from count, mean and variance.
    /// </param>
    /// <param name="max">The largest value; <see cref="double.NaN"/> when <paramref name="count"/> is 0 or unknown.</param>
    /// <param name="histogram">
    /// The histogram of the values, or <see langword="null"/> when only moments are known. A read-only copy is kept.
    /// </param>
    /// <param name="cells">
    /// The count and sum of the values per analysis cell of their units (<see cref="UnitCells"/> with sums), or
    /// <see langword="null"/> when the units are not known.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A moment is negative, not finite, inconsistent with <paramref name="count"/>, or <paramref name="min"/> &gt;
    /// <paramref name="max"/>, or the histogram's or the cells' count differs from <paramref name="count"/>, or the cells carry no sums.
    /// </exception>
    public ValueSummary(long count, double mean, double m2, double min, double max, LogLinearHistogram? histogram = null, UnitCells? cells = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            if (mean != 0 || m2 != 0 || !double.IsNaN(min) || !double.IsNaN(max))
            {
                throw new ArgumentOutOfRangeException(nameof(count), "An empty summary has mean 0, M2 0 and NaN min and max.");
            }
        }
        else
        {
            if (!double.IsFinite(mean) || !double.IsFinite(m2) || m2 < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(m2), "The mean must be finite and M2 finite and >= 0.");
            }

            var unknown = double.IsNaN(min) && double.IsNaN(max);
            if (!unknown && (!double.IsFinite(min) || !double.IsFinite(max) || min > max))
            {
                throw new ArgumentOutOfRangeException(nameof(min), "Min and max must be finite with min <= max, or both NaN when unknown.");
            }
        }

        // Copy first, then check the copy: a live histogram may be recording while the summary is built.
        var frozen = histogram?.ToReadOnly();
        if (frozen is not null && frozen.Count != count)
        {
            throw new ArgumentOutOfRangeException(nameof(histogram), frozen.Count, "The histogram's count must equal the summary's count.");
        }

        if (cells is not null && (cells.TotalCount != count || !cells.HasSums))
        {
            throw new ArgumentOutOfRangeException(nameof(cells), cells.TotalCount, "The cells' count must equal the summary's count, and the cells must carry sums.");
        }

        Cells = cells;
        Count = count;
        Mean = mean;
        M2 = m2;
        Min = min;
        Max = max;
        Histogram = frozen;
    }

    /// <summary>Gets the summary of no values (with an empty histogram).</summary>
    public static ValueSummary Empty { get; } = new(0, 0, 0, double.NaN, double.NaN, new LogLinearHistogram().ToReadOnly(), UnitCells.EmptyValues);

    /// <summary>Gets the number of values.</summary>
    public long Count { get; }

    /// <summary>Gets the mean of the values (0 when there are none).</summary>
    public double Mean { get; }

    /// <summary>Gets the sum of squared deviations from the mean, Σ(x - mean)².</summary>
    public double M2 { get; }

    /// <summary>Gets the sample variance M2 / (n - 1); <see cref="double.NaN"/> with fewer than two values.</summary>
    public double Variance => Count < 2 ? double.NaN : M2 / (Count - 1);

    /// <summary>Gets the sample standard deviation √<see cref="Variance"/>; <see cref="double.NaN"/> with fewer than two values.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Gets the smallest value; <see cref="double.NaN"/> when there are none or it is unknown.</summary>
    public double Min { get; }

    /// <summary>Gets the largest value; <see cref="double.NaN"/> when there are none or it is unknown.</summary>
    public double Max { get; }

    /// <summary>Gets the read-only histogram of the values, or <see langword="null"/> when the summary holds moments only.</summary>
    public LogLinearHistogram? Histogram { get; }

    /// <summary>Gets the count and sum of the values per analysis cell, or <see langword="null"/> when the units are not known.</summary>
    public UnitCells? Cells { get; }

    /// <summary>
    /// The coarse histogram per analysis cell (<see cref="Internal.CellBinades"/> layout, cell-major), when the recorder
    /// kept one (<see cref="ValueRecorder.KeepUnitQuantiles"/>); never changed once set.
    /// </summary>
    internal long[]? CellBins { get; init; }

    /// <summary>
    /// Combines the summaries of two disjoint sets of values into the summary of their union (Chan et al.):
    /// n = nA + nB, δ = meanB - meanA, mean = meanA + δ·nB/n, M2 = M2A + M2B + δ²·nA·nB/n.
    /// </summary>
    /// <param name="a">The first summary.</param>
    /// <param name="b">The second summary.</param>
    /// <returns>
    /// The summary of both sets; it has a histogram (and cells) when both non-empty inputs have one, and unknown (NaN)
    /// extremes when either input's are unknown.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is <see langword="null"/>.</exception>
    public static ValueSummary Merge(ValueSummary a, ValueSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Count == 0)
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b;
        }

        var (count, mean, m2) = Combine(a.Count, a.Mean, a.M2, b.Count, b.Mean, b.M2);
        LogLinearHistogram? histogram = null;
        if (a.Histogram is not null && b.Histogram is not null)
        {
            histogram = a.Histogram.Clone();
            histogram.Merge(b.Histogram);
        }

        // Math.Min/Max propagate NaN: unknown extremes stay unknown.
        long[]? bins = null;
        if (a.CellBins is not null && b.CellBins is not null)
        {
            bins = new long[a.CellBins.Length];
            for (var i = 0; i < bins.Length; i++)
            {
                bins[i] = checked(a.CellBins[i] + b.CellBins[i]);
            }
        }

        return new ValueSummary(count, mean, m2, Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max), histogram, UnitCells.MergeOptional(a.Cells, b.Cells)) { CellBins = bins };
    }

    /// <summary>Summarises a set of values (Welford's algorithm), with a histogram.</summary>
    /// <param name="values">The values; magnitudes at most <see cref="ValueRecorder.MaxMagnitude"/>.</param>
    /// <returns>Their summary.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or too large.</exception>
    public static ValueSummary FromValues(ReadOnlySpan<double> values)
    {
        var recorder = new ValueRecorder();
        foreach (var value in values)
        {
            recorder.Record(value);
        }

        return recorder.GetSummary();
    }

    // Chan, Golub and LeVeque's pairwise combination of (count, mean, M2).
    internal static (long Count, double Mean, double M2) Combine(long countA, double meanA, double m2A, long countB, double meanB, double m2B)
    {
        if (countA == 0)
        {
            return (countB, meanB, m2B);
        }

        if (countB == 0)
        {
            return (countA, meanA, m2A);
        }

        var count = countA + countB;
        var delta = meanB - meanA;
        var mean = meanA + (delta * ((double)countB / count));
        var m2 = m2A + m2B + (delta * delta * ((double)countA * countB / count));
        return (count, mean, m2);
    }
}
