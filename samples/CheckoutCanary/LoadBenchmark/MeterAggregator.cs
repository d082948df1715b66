using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace CheckoutCanary.LoadBenchmark;

/// <summary>
/// Listens to every instrument of the meters a filter selects and aggregates its measurements the way an OpenTelemetry metrics exporter
/// does between exports: one point per (instrument, tag set), a sum for counters, count, sum and explicit-bucket counts
/// for histograms (the instrument's advised boundaries, else OpenTelemetry's defaults). Without a listener the
/// instruments are disabled and recording is skipped, which would flatter the middleware.
/// </summary>
internal sealed class MeterAggregator : IDisposable
{
    private static readonly double[] DefaultBoundaries = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener;
    private readonly ConcurrentQueue<InstrumentAggregate> _instruments = new();

    /// <param name="meterFilter">Selects the meters to listen to, by name.</param>
    public MeterAggregator(Func<string, bool> meterFilter)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (meterFilter(instrument.Meter.Name))
                {
                    var aggregate = new InstrumentAggregate(instrument, BoundariesOf(instrument));
                    _instruments.Enqueue(aggregate);
                    listener.EnableMeasurementEvents(instrument, aggregate);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Writes one line per aggregated point: instrument, tags, count and sum.</summary>
    public void WriteSummary(TextWriter writer)
    {
        foreach (var instrument in _instruments)
        {
            foreach (var (tags, point) in instrument.Points)
            {
                writer.WriteLine($"meter {instrument.Instrument.Name}{{{tags}}} count={point.Count} sum={point.Sum:G6}");
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private static double[]? BoundariesOf(Instrument instrument) => instrument switch
    {
        Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries?.ToArray() ?? DefaultBoundaries,
        Histogram<long> or Histogram<int> => DefaultBoundaries,
        _ => null,
    };

    private sealed class InstrumentAggregate(Instrument instrument, double[]? boundaries)
    {
        private readonly ConcurrentDictionary<TagSet, Point> _points = new();

        public Instrument Instrument { get; } = instrument;

        public IEnumerable<(TagSet Tags, Point Point)> Points => _points.Select(static p => (p.Key, p.Value));

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = new TagSet(tags);
            if (!_points.TryGetValue(key, out var point))
            {
                point = _points.GetOrAdd(key, static (_, b) => new Point(b), boundaries);
            }

            point.Add(value);
        }
    }

    /// <summary>
    /// One point, updated without a lock (Interlocked) so that a thread preempted mid-update never makes the others wait;
    /// count, sum and buckets are each exact, read together only at shutdown.
    /// </summary>
    private sealed class Point(double[]? boundaries)
    {
        private readonly long[]? _buckets = boundaries is null ? null : new long[boundaries.Length + 1];
        private long _count;
        private double _sum;

        public long Count => Interlocked.Read(ref _count);

        public double Sum => Volatile.Read(ref _sum);

        public void Add(double value)
        {
            Interlocked.Increment(ref _count);
            var sum = Volatile.Read(ref _sum);
            while (true)
            {
                var seen = Interlocked.CompareExchange(ref _sum, sum + value, sum);
                if (seen.Equals(sum))
                {
                    break;
                }

                sum = seen;
            }

            if (_buckets is not null)
            {
                var bucket = 0;
                while (bucket < boundaries!.Length && value > boundaries[bucket])
                {
                    bucket++;
                }

                Interlocked.Increment(ref _buckets[bucket]);
            }
        }
    }

    /// <summary>
    /// A tag set of up to eight tags as the key of a point, compared without allocating (tag values come from closed
    /// sets). Eight covers ASP.NET Core's request-duration tags (method, scheme, protocol, route, status, error type).
    /// </summary>
    private readonly struct TagSet : IEquatable<TagSet>
    {
        private const int Capacity = 8;
        private readonly Tags _tags;
        private readonly int _count;

        public TagSet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length > Capacity)
            {
                throw new InvalidOperationException($"{tags.Length} tags; the aggregator keys at most {Capacity}.");
            }

            _count = tags.Length;
            tags.CopyTo(_tags);
        }

        public bool Equals(TagSet other)
        {
            if (_count != other._count)
            {
                return false;
            }

            ReadOnlySpan<KeyValuePair<string, object?>> mine = _tags, theirs = other._tags;
            for (var i = 0; i < _count; i++)
            {
                if (!string.Equals(mine[i].Key, theirs[i].Key, StringComparison.Ordinal) || !Equals(mine[i].Value, theirs[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is TagSet other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_count);
            ReadOnlySpan<KeyValuePair<string, object?>> tags = _tags;
            for (var i = 0; i < _count; i++)
            {
                hash.Add(tags[i].Key);
                hash.Add(tags[i].Value);
            }

            return hash.ToHashCode();
        }

        public override string ToString()
        {
            ReadOnlySpan<KeyValuePair<string, object?>> tags = _tags;
            return string.Join(",", tags[.._count].ToArray().Select(static t => $"{t.Key}={t.Value}"));
        }

        [InlineArray(Capacity)]
        private struct Tags
        {
            private KeyValuePair<string, object?> _first;
        }
    }
}
