using System;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// One arm of a clustered run, recorded as the library records it: exposures, units first seen, error counts and the
/// count and sum of ln latency per analysis cell; request-level totals and the count, mean and M2 of ln latency (each
/// minute's moments merged by Chan et al.'s formula); and, for the fixed-horizon test, requests and errors per unit.
/// </summary>
internal sealed class ClusteredArm
{
    private readonly long[] _exposures = new long[UnitKey.CellCount];
    private readonly long[] _units = new long[UnitKey.CellCount];
    private readonly long[] _errors = new long[UnitKey.CellCount];
    private readonly double[] _latencySums = new double[UnitKey.CellCount];
    private readonly int[]? _unitRequests;
    private readonly int[]? _unitErrors;
    private readonly double _shift;
    private long _minuteCount;
    private long _minuteErrors;
    private double _minuteSum;
    private double _minuteSquares;

    /// <param name="units">The population size (per-unit sums are kept), or 0 for i.i.d. requests (each request its own unit).</param>
    /// <param name="shift">A value near the mean of ln latency: the minute's moments are summed around it.</param>
    public ClusteredArm(int units, double shift)
    {
        _shift = shift;
        if (units > 0)
        {
            _unitRequests = new int[units];
            _unitErrors = new int[units];
        }
    }

    /// <summary>The requests recorded (exposures).</summary>
    public long Exposures { get; private set; }

    /// <summary>The units first seen in this arm.</summary>
    public long Units { get; private set; }

    /// <summary>The errors recorded.</summary>
    public long Errors { get; private set; }

    /// <summary>The mean of the recorded ln latencies (one per exposure).</summary>
    public double LatencyMean { get; private set; }

    /// <summary>The sum of squared deviations of the recorded ln latencies from their mean.</summary>
    public double LatencyM2 { get; private set; }

    /// <summary>Records one request of the unit with index <paramref name="unit"/> (ignored in i.i.d. mode).</summary>
    public void Record(int cell, bool newUnit, bool error, double logLatency, int unit)
    {
        _exposures[cell]++;
        if (newUnit)
        {
            _units[cell]++;
            Units++;
        }

        _latencySums[cell] += logLatency;
        var centred = logLatency - _shift;
        _minuteCount++;
        _minuteSum += centred;
        _minuteSquares += centred * centred;
        if (_unitRequests is not null)
        {
            _unitRequests[unit]++;
        }

        if (error)
        {
            _errors[cell]++;
            _minuteErrors++;
            if (_unitErrors is not null)
            {
                _unitErrors[unit]++;
            }
        }
    }

    /// <summary>Adds the minute's requests to the request-level totals (Chan et al.'s merge of the minute's moments).</summary>
    public void EndMinute()
    {
        if (_minuteCount > 0)
        {
            var mean = _minuteSum / _minuteCount;
            var m2 = Math.Max(0, _minuteSquares - (_minuteSum * mean));
            var total = Exposures + _minuteCount;
            var delta = _shift + mean - LatencyMean;
            LatencyMean += delta * _minuteCount / total;
            LatencyM2 += m2 + (delta * delta * Exposures * _minuteCount / total);
            Exposures = total;
            Errors += _minuteErrors;
        }

        (_minuteCount, _minuteErrors, _minuteSum, _minuteSquares) = (0, 0, 0, 0);
    }

    /// <summary>The arm's cumulative summary, recorded per unit (<see cref="ArmSummary.FromCells"/>).</summary>
    public ArmSummary ToSummary()
    {
        var cells = UnitCells.Create(_exposures, _latencySums);
        var latency = Exposures == 0
            ? new ValueSummary(0, 0, 0, double.NaN, double.NaN, null, cells)
            : new ValueSummary(Exposures, LatencyMean, LatencyM2, double.NaN, double.NaN, null, cells);
        return ArmSummary.FromCells(
            UnitCells.Create(_exposures, []),
            UnitCells.Create(_units, []),
            [new(RolloutMetrics.Errors, UnitCells.Create(_errors, []))],
            [new(RolloutMetrics.Latency, latency)]);
    }

    /// <summary>
    /// The error rate as a ratio of per-unit sums, <c>r = Σ e_u / Σ n_u</c>, and its delta-method variance
    /// <c>Σ_u (e_u - r n_u)² / (Σ n_u)²</c> (in i.i.d. mode each request is a unit: <c>E (1 - r) / N²</c>).
    /// </summary>
    public (double Rate, double Variance) UnitErrorRate()
    {
        if (_unitRequests is null || _unitErrors is null)
        {
            double n = Exposures, e = Errors;
            return n == 0 ? (double.NaN, double.NaN) : (e / n, e * (1 - (e / n)) / (n * n));
        }

        double requests = 0, errors = 0;
        for (var u = 0; u < _unitRequests.Length; u++)
        {
            requests += _unitRequests[u];
            errors += _unitErrors[u];
        }

        if (requests == 0)
        {
            return (double.NaN, double.NaN);
        }

        var rate = errors / requests;
        double squares = 0;
        for (var u = 0; u < _unitRequests.Length; u++)
        {
            var residual = _unitErrors[u] - (rate * _unitRequests[u]);
            squares += residual * residual;
        }

        return (rate, squares / (requests * requests));
    }
}
