using System.Threading;

namespace ProgressiveDelivery.Analysis.Observations.Internal;

/// <summary>
/// The live per-cell totals behind <see cref="UnitCells"/>: a count per analysis cell and, for value metrics, a sum.
/// Thread-safe and allocation-free: an interlocked add per count, a compare-and-swap loop per sum.
/// </summary>
internal sealed class CellAccumulator
{
    private readonly long[] _counts = new long[UnitKey.CellCount];
    private readonly double[]? _sums;

    public CellAccumulator(bool sums)
    {
        _sums = sums ? new double[UnitKey.CellCount] : null;
    }

    public void Increment(int cell) => Interlocked.Increment(ref _counts[cell]);

    public void Add(int cell, long count) => Interlocked.Add(ref _counts[cell], count);

    public void Add(int cell, double value)
    {
        Interlocked.Increment(ref _counts[cell]);
        ref var sum = ref _sums![cell];
        var current = Volatile.Read(ref sum);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref sum, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Adds persisted or merged totals (for sums, only when both sides carry them).</summary>
    public void Add(UnitCells cells)
    {
        var counts = cells.Counts;
        var sums = cells.Sums;
        for (var i = 0; i < UnitKey.CellCount; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            Interlocked.Add(ref _counts[i], counts[i]);
            if (_sums is not null && sums.Length != 0)
            {
                ref var sum = ref _sums[i];
                var current = Volatile.Read(ref sum);
                while (true)
                {
                    var seen = Interlocked.CompareExchange(ref sum, current + sums[i], current);
                    if (seen.Equals(current))
                    {
                        break;
                    }

                    current = seen;
                }
            }
        }
    }

    /// <summary>The total of the counts (a sum over the cells).</summary>
    public long TotalCount
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                total += Volatile.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>An immutable copy; observations recorded concurrently may or may not be in it.</summary>
    public UnitCells Snapshot()
    {
        var counts = new long[UnitKey.CellCount];
        double[]? sums = _sums is null ? null : new double[UnitKey.CellCount];
        for (var i = 0; i < counts.Length; i++)
        {
            // The sum first: a value's count is added before its sum, so the count read after covers every value summed.
            if (sums is not null)
            {
                sums[i] = Volatile.Read(ref _sums![i]);
            }

            counts[i] = Volatile.Read(ref _counts[i]);
        }

        return UnitCells.Own(counts, sums);
    }
}
