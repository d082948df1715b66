using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// One metric's data split by the canary share in force (a segment per weight): for each segment, per analysis cell,
/// the canary's and the baseline's numerator (events, or sum of values) and denominator (exposures, or values). The
/// judge compares the arms within each segment and combines the segments, so that anything that changes over time for
/// both arms alike (an outage, a daily cycle) cannot masquerade as a difference when the weight moves: at a higher
/// weight the canary's data come more from later periods than the baseline's.
/// </summary>
/// <remarks>
/// Fed the arms' cumulative per-cell sums at every look with the share in force since the previous look; a share that
/// differs from the open segment's closes it at the previous look. State: O(cells x segments); a rollout has a handful.
/// Without cells (request-level analysis) the arrays have one entry: the totals.
/// </remarks>
internal sealed class Segments
{
    // Arrays per segment: [0] canary numerator, [1] canary denominator, [2] baseline numerator, [3] baseline denominator.
    private readonly List<double[][]> _closed = [];
    private double _share = double.NaN;
    private double[][]? _start;
    private double[][]? _last;

    /// <summary>The segments' per-cell increments: the closed ones, then the open one.</summary>
    public IEnumerable<double[][]> All
    {
        get
        {
            foreach (var segment in _closed)
            {
                yield return segment;
            }

            if (_last is not null)
            {
                yield return Subtract(_last, _start!);
            }
        }
    }

    public void Observe(ReadOnlySpan<double> canaryNumerators, ReadOnlySpan<double> canaryDenominators, ReadOnlySpan<double> baselineNumerators, ReadOnlySpan<double> baselineDenominators, double share)
    {
        double[][] current = [canaryNumerators.ToArray(), canaryDenominators.ToArray(), baselineNumerators.ToArray(), baselineDenominators.ToArray()];
        if (_last is null || current[0].Length != _last[0].Length)
        {
            _start = Zero(current[0].Length);
        }
        else if (!share.Equals(_share))
        {
            // The data since the previous look were recorded under the new share: the old segment ends there.
            _closed.Add(Subtract(_last, _start!));
            _start = _last;
        }

        _share = share;
        _last = current;
    }

    /// <summary>
    /// Replaces the segments with given ones: each step's own per-cell data (not cumulative) and its share, oldest first.
    /// The last is the open segment. Steps whose arrays have another length than the last's are skipped.
    /// </summary>
    public void SetSteps(IReadOnlyList<(double[][] Data, double Share)> steps)
    {
        _closed.Clear();
        (_start, _last, _share) = (null, null, double.NaN);
        if (steps.Count == 0)
        {
            return;
        }

        var length = steps[^1].Data[0].Length;
        for (var i = 0; i < steps.Count - 1; i++)
        {
            if (steps[i].Data[0].Length == length)
            {
                _closed.Add(steps[i].Data);
            }
        }

        (_start, _last, _share) = (Zero(length), steps[^1].Data, steps[^1].Share);
    }

    public void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("segments");
        writer.WriteNumber("share", double.IsNaN(_share) ? -1 : _share);
        writer.WriteStartArray("closed");
        foreach (var segment in _closed)
        {
            Write(writer, segment);
        }

        writer.WriteEndArray();
        if (_last is not null)
        {
            writer.WritePropertyName("start");
            Write(writer, _start!);
            writer.WritePropertyName("last");
            Write(writer, _last);
        }

        writer.WriteEndObject();
    }

    public void ReadState(JsonElement element)
    {
        var segments = element.GetProperty("segments");
        var share = segments.GetProperty("share").GetDouble();
        _share = share < 0 ? double.NaN : share;
        _closed.Clear();
        foreach (var segment in segments.GetProperty("closed").EnumerateArray())
        {
            _closed.Add(Read(segment));
        }

        (_start, _last) = segments.TryGetProperty("last", out var last)
            ? (Read(segments.GetProperty("start")), Read(last))
            : (null, null);
    }

    /// <summary>Per-cell counts as the doubles the segments hold.</summary>
    public static double[] ToDoubles(ReadOnlySpan<long> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static double[][] Zero(int length) => [new double[length], new double[length], new double[length], new double[length]];

    private static double[][] Subtract(double[][] end, double[][] start)
    {
        var result = Zero(end[0].Length);
        for (var a = 0; a < 4; a++)
        {
            for (var i = 0; i < end[a].Length; i++)
            {
                result[a][i] = end[a][i] - start[a][i];
            }
        }

        return result;
    }

    private static void Write(Utf8JsonWriter writer, double[][] arrays)
    {
        writer.WriteStartArray();
        foreach (var array in arrays)
        {
            writer.WriteStartArray();
            foreach (var value in array)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static double[][] Read(JsonElement element)
    {
        var arrays = new double[4][];
        var a = 0;
        foreach (var array in element.EnumerateArray())
        {
            var values = new double[array.GetArrayLength()];
            var i = 0;
            foreach (var value in array.EnumerateArray())
            {
                values[i++] = value.GetDouble();
            }

            arrays[a++] = values;
        }

        return arrays;
    }
}
