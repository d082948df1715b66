using System;
using System.Collections.Generic;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// One simulated arm's cumulative observations on independent requests, each from a unit of its own, fed per minute:
/// each request gets a fresh random analysis hash (its cell; counted as a unit through the run's shared
/// <see cref="UnitSet"/>, as the library does), each error falls on one of the minute's requests, and each cell's sum of
/// log latencies is drawn from its exact normal distribution, so the judge sees per-cell summaries as the library
/// records them without a draw per value. The minute's M2 is drawn separately (chi-square), independent of its mean.
/// </summary>
internal sealed class ArmAccumulator
{
    private readonly UnitSet _units;
    private readonly long[] _exposureCells = new long[UnitKey.CellCount];
    private readonly long[] _unitCells = new long[UnitKey.CellCount];
    private readonly long[] _errorCells = new long[UnitKey.CellCount];
    private readonly long[] _latencyCounts = new long[UnitKey.CellCount];
    private readonly double[] _latencySums = new double[UnitKey.CellCount];
    private readonly int[] _minuteCounts = new int[UnitKey.CellCount];
    private int[] _minuteCells = new int[1024];
    private UnitKey[] _minuteKeys = new UnitKey[1024];
    private int _minuteRequests;
    private double _min = double.NaN;
    private double _max = double.NaN;

    public ArmAccumulator(UnitSet units)
    {
        _units = units;
    }

    public long Exposures { get; private set; }

    public long Errors { get; private set; }

    public long LatencyCount { get; private set; }

    public double LatencyMean { get; private set; }

    public double LatencyM2 { get; private set; }

    /// <summary>
    /// Adds a minute of <paramref name="exposures"/> requests, <paramref name="errors"/> of them failed. Their units are
    /// registered by <see cref="RegisterUnits"/>, once both arms' minutes are added.
    /// </summary>
    public void AddMinute(Random random, long exposures, long errors)
    {
        var n = (int)exposures;
        if (_minuteCells.Length < n)
        {
            _minuteCells = new int[Math.Max(n, 2 * _minuteCells.Length)];
            _minuteKeys = new UnitKey[_minuteCells.Length];
        }

        Array.Clear(_minuteCounts);
        for (var i = 0; i < n; i++)
        {
            var unit = new UnitKey((uint)random.NextInt64(0, 1L << 32));
            var cell = unit.Cell;
            _minuteKeys[i] = unit;
            _minuteCells[i] = cell;
            _minuteCounts[cell]++;
            _exposureCells[cell]++;
        }

        // Errors fall on distinct requests of the minute (a partial Fisher-Yates shuffle of the request order).
        for (var e = 0; e < errors && e < n; e++)
        {
            var j = e + random.Next(n - e);
            (_minuteCells[e], _minuteCells[j]) = (_minuteCells[j], _minuteCells[e]);
            _errorCells[_minuteCells[e]]++;
        }

        _minuteRequests = n;
        Exposures += exposures;
        Errors += errors;
    }

    /// <summary>
    /// Registers the minute's new units of both arms in their shared unit set, in a random interleaving of the two
    /// arms' requests as they would arrive: registering one arm's minute before the other's would make the second face
    /// a fuller set, thinning its new units more (a bias the library, which sees requests as they come, does not have).
    /// </summary>
    public static void RegisterUnits(Random random, ArmAccumulator first, ArmAccumulator second)
    {
        int i = 0, j = 0, n = first._minuteRequests, m = second._minuteRequests;
        while (i < n || j < m)
        {
            var takeFirst = j >= m || (i < n && random.Next(n - i + m - j) < n - i);
            var arm = takeFirst ? first : second;
            var unit = takeFirst ? first._minuteKeys[i++] : second._minuteKeys[j++];
            if (arm._units.TryAdd(unit))
            {
                arm._unitCells[unit.Cell]++;
            }
        }
    }

    /// <summary>Adds a minute of <paramref name="count"/> log latencies with the given mean and M2 to the request-level moments.</summary>
    private void AddValues(long count, double mean, double m2)
    {
        if (count == 0)
        {
            return;
        }

        var total = LatencyCount + count;
        var delta = mean - LatencyMean;
        LatencyMean += delta * count / total;
        LatencyM2 += m2 + (delta * delta * LatencyCount * count / total);
        LatencyCount = total;
        _min = double.IsNaN(_min) ? mean : Math.Min(_min, mean);
        _max = double.IsNaN(_max) ? mean : Math.Max(_max, mean);
    }

    /// <summary>
    /// Adds the log latencies of the minute's requests (as added by the last <see cref="AddMinute(Random, long, long)"/>): normal with mean
    /// <paramref name="mu"/> and standard deviation <paramref name="sd"/>, independent.
    /// </summary>
    public void AddLatency(Random random, double mu, double sd)
    {
        var count = _minuteRequests;
        if (count == 0)
        {
            return;
        }

        double sum = 0;
        for (var cell = 0; cell < UnitKey.CellCount; cell++)
        {
            var c = _minuteCounts[cell];
            if (c == 0)
            {
                continue;
            }

            var cellSum = (c * mu) + (Math.Sqrt(c) * sd * SimulationRandom.Normal(random));
            _latencyCounts[cell] += c;
            _latencySums[cell] += cellSum;
            sum += cellSum;
        }

        AddValues(count, sum / count, count > 1 ? sd * sd * SimulationRandom.ChiSquare(random, count - 1) : 0);
    }

    /// <summary>The arm's cumulative summary, per cell, as the judge receives it (min and max are those of the minute means).</summary>
    public ArmSummary ToSummary(bool errors, bool latency)
    {
        KeyValuePair<string, UnitCells>[]? counts = errors ? [new("errors", UnitCells.Create(_errorCells, default))] : null;
        KeyValuePair<string, ValueSummary>[]? values = null;
        if (latency)
        {
            var summary = LatencyCount == 0
                ? ValueSummary.Empty
                : new ValueSummary(LatencyCount, LatencyMean, LatencyM2, Math.Min(_min, LatencyMean), Math.Max(_max, LatencyMean), null, UnitCells.Create(_latencyCounts, _latencySums));
            values = [new("latency", summary)];
        }

        return ArmSummary.FromCells(UnitCells.Create(_exposureCells, default), UnitCells.Create(_unitCells, default), counts, values);
    }
}
