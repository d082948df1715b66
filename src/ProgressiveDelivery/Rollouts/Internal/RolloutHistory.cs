using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// A rollout's bounded history of looks and transitions, kept in its stored document (so fleet followers serve the
/// decider's history). At most <see cref="Capacity"/> points, whatever the rollout's length.
/// </summary>
/// <remarks>
/// <para>
/// Downsampling by doubling intervals: points are kept while fewer than <see cref="Capacity"/>; when full, every other
/// point is dropped (the first, the last and every point where the weight, status or attempt changed are kept, so step
/// boundaries stay sharp) and the spacing between kept points becomes the new span divided by half the capacity. A
/// point that comes sooner than the spacing after the last kept point replaces a provisional tail, so the latest look
/// is always present. Unlike largest-triangle-three-buckets, which needs the whole series to choose from, this runs
/// online in O(1) amortized per look with a memory bound; the price is evenly spaced rather than shape-preserving
/// points, which suits a judge's slowly changing cumulative statistics. A 24-hour rollout judged every second keeps
/// between half and all of the capacity, evenly spread over the 24 hours.
/// </para>
/// <para>Mutated under the manager's gate, read by admin requests: a lock guards the points.</para>
/// </remarks>
internal sealed class RolloutHistory
{
    /// <summary>The most points kept.</summary>
    public const int Capacity = 200;

    private readonly List<HistoryPoint> _points = [];
    private TimeSpan _spacing;
    private bool _provisionalTail;
    private JsonElement? _snapshot;

    /// <summary>The points kept, oldest first.</summary>
    public int Count
    {
        get
        {
            lock (_points)
            {
                return _points.Count;
            }
        }
    }

    /// <summary>The spacing kept points respect now (zero until the first compaction).</summary>
    public TimeSpan Spacing => _spacing;

    /// <summary>Adds a point (see the remarks for which points are kept).</summary>
    public void Add(HistoryPoint point)
    {
        lock (_points)
        {
            AddLocked(point);
        }
    }

    private void AddLocked(HistoryPoint point)
    {
        _snapshot = null;
        if (_points.Count > 0)
        {
            var committedIndex = _provisionalTail ? _points.Count - 2 : _points.Count - 1;
            var committed = _points[committedIndex]; // the first point is never provisional
            if (point.Time - committed.Time < _spacing && !point.ChangesFrom(committed))
            {
                if (_provisionalTail)
                {
                    _points[^1] = point;
                }
                else
                {
                    _points.Add(point);
                    _provisionalTail = true;
                }

                Compact();
                return;
            }

            if (_provisionalTail)
            {
                _points.RemoveAt(_points.Count - 1); // superseded by a point that is due
                _provisionalTail = false;
            }
        }

        _points.Add(point);
        Compact();
    }

    /// <summary><c>[point, ...]</c>, oldest first.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        lock (_points)
        {
            writer.WriteStartArray();
            foreach (var point in _points)
            {
                point.Json.WriteTo(writer);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary><c>{"capacity": 200, "spacingSeconds": 0, "points": [...]}</c>, cached until the next point.</summary>
    public JsonElement ToElement()
    {
        lock (_points)
        {
            return ToElementLocked();
        }
    }

    private JsonElement ToElementLocked()
    {
        if (_snapshot is { } snapshot)
        {
            return snapshot;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("capacity", Capacity);
            writer.WriteNumber("spacingSeconds", _spacing.TotalSeconds);
            writer.WritePropertyName("points");
            Write(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var element = document.RootElement.Clone();
        _snapshot = element;
        return element;
    }

    /// <summary>The history in a stored state's <c>history</c> array; empty when the state has none (written before histories).</summary>
    /// <exception cref="FormatException">A point lacks its time, weight, status or attempt.</exception>
    public static RolloutHistory Read(JsonElement? array)
    {
        var history = new RolloutHistory();
        if (array is not { ValueKind: JsonValueKind.Array } points)
        {
            return history;
        }

        foreach (var element in points.EnumerateArray())
        {
            history._points.Add(HistoryPoint.FromJson(element.Clone()));
        }

        if (history._points.Count >= 2)
        {
            // Resume with the spacing the stored points imply (the mean gap), so a restart does not re-densify.
            var span = history._points[^1].Time - history._points[0].Time;
            history._spacing = history._points.Count >= Capacity / 2 ? span / (history._points.Count - 1) : TimeSpan.Zero;
        }

        history.Compact();
        return history;
    }

    private void Compact()
    {
        if (_points.Count <= Capacity)
        {
            return;
        }

        var kept = new List<HistoryPoint>(Capacity) { _points[0] };
        for (var i = 1; i < _points.Count - 1; i++)
        {
            if (i % 2 == 0 || _points[i].ChangesFrom(_points[i - 1]))
            {
                kept.Add(_points[i]);
            }
        }

        kept.Add(_points[^1]);
        if (kept.Count > Capacity * 3 / 4)
        {
            // So many changes that keeping them all would not halve: plain halving, first and last kept.
            kept.Clear();
            for (var i = 0; i < _points.Count - 1; i += 2)
            {
                kept.Add(_points[i]);
            }

            kept.Add(_points[^1]);
        }

        _points.Clear();
        _points.AddRange(kept);
        _provisionalTail = false;
        var span = _points[^1].Time - _points[0].Time;
        _spacing = TimeSpan.FromTicks(Math.Max(_spacing.Ticks * 2, span.Ticks / (Capacity / 2)));
    }
}
