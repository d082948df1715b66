using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>A fixed-capacity window of the most recent aggregate points of one arm (a ring buffer).</summary>
internal sealed class PointWindow
{
    private readonly double[] _points;
    private int _start;
    private int _count;

    public PointWindow(int capacity)
    {
        _points = new double[capacity];
    }

    public int Count => _count;

    public void Add(double point)
    {
        if (_count < _points.Length)
        {
            _points[(_start + _count) % _points.Length] = point;
            _count++;
        }
        else
        {
            _points[_start] = point;
            _start = (_start + 1) % _points.Length;
        }
    }

    public double[] ToArray()
    {
        var copy = new double[_count];
        for (var i = 0; i < _count; i++)
        {
            copy[i] = _points[(_start + i) % _points.Length];
        }

        return copy;
    }

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (var i = 0; i < _count; i++)
        {
            writer.WriteNumberValue(_points[(_start + i) % _points.Length]);
        }

        writer.WriteEndArray();
    }

    public void ReadFrom(JsonElement element)
    {
        Clear();
        var values = new List<double>();
        foreach (var item in element.EnumerateArray())
        {
            values.Add(item.GetDouble());
        }

        var skip = Math.Max(0, values.Count - _points.Length);
        for (var i = skip; i < values.Count; i++)
        {
            Add(values[i]);
        }
    }
}
