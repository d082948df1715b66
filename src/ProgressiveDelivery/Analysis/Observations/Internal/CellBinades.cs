using System;
using System.Threading;

namespace ProgressiveDelivery.Analysis.Observations.Internal;

/// <summary>
/// A coarse histogram per analysis cell: one bin per power of two of the magnitude, signed and order-preserving
/// (<see cref="Bins"/> bins: 48 negative, zero, 48 positive, magnitudes 2^-24 to 2^24, outer bins open-ended). It
/// gives, for each cell, how many values lie below a bin edge, which the unit-level quantile test needs to estimate
/// the cluster-robust variance of the empirical distribution function near the quantile. Thread-safe, allocation-free.
/// </summary>
internal sealed class CellBinades
{
    public const int MinExponent = -24;
    public const int PerSign = 48;
    public const int Bins = (2 * PerSign) + 1;
    public const int Length = UnitKey.CellCount * Bins;

    private readonly long[] _counts = new long[Length];

    public static int BinOf(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude < 5.9604644775390625E-08) // 2^-24
        {
            return PerSign;
        }

        var offset = Math.Clamp(Math.ILogB(magnitude) - MinExponent, 0, PerSign - 1);
        return value > 0 ? PerSign + 1 + offset : PerSign - 1 - offset;
    }

    /// <summary>The upper edge of a bin: every value in bins up to <paramref name="bin"/> is below it.</summary>
    public static double UpperEdge(int bin)
    {
        if (bin == Bins - 1)
        {
            return double.PositiveInfinity;
        }

        if (bin == PerSign)
        {
            return Math.ScaleB(1.0, MinExponent);
        }

        return bin > PerSign
            ? Math.ScaleB(1.0, bin - PerSign - 1 + MinExponent + 1)
            : -Math.ScaleB(1.0, PerSign - 1 - bin + MinExponent);
    }

    public void Add(int cell, double value) => Interlocked.Increment(ref _counts[(cell * Bins) + BinOf(value)]);

    public void Add(ReadOnlySpan<long> counts)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] != 0)
            {
                Interlocked.Add(ref _counts[i], counts[i]);
            }
        }
    }

    public long[] Snapshot()
    {
        var copy = new long[Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Volatile.Read(ref _counts[i]);
        }

        return copy;
    }
}
