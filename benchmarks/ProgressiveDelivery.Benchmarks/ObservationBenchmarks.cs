using System;
using System.Threading;
using BenchmarkDotNet.Attributes;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>
/// Recording one observation, single-threaded, against the least a thread-safe counter costs (one interlocked
/// increment). Target (JUDGE.md): O(1), thread-safe, no allocation, tens of nanoseconds.
/// </summary>
[MemoryDiagnoser]
public class ObservationBenchmarks
{
    private readonly double[] _latencies = new double[1024];
    private readonly ArmObservations _arm = new();
    private readonly EventCounter _counter = new();
    private readonly LogLinearHistogram _histogram = new();
    private readonly ValueRecorder _recorder = new();
    private long _count;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < _latencies.Length; i++)
        {
            _latencies[i] = Math.Exp(-3 + random.NextDouble() * 2); // 50 ms to 370 ms
        }

        _arm.RecordValue("latency", _latencies[0]);
    }

    [Benchmark(Baseline = true, Description = "floor: Interlocked.Increment")]
    public long Increment() => Interlocked.Increment(ref _count);

    [Benchmark(Description = "EventCounter.Increment")]
    public void CountEvent() => _counter.Increment();

    [Benchmark(Description = "LogLinearHistogram.Record")]
    public void RecordInHistogram() => _histogram.Record(_latencies[Next()]);

    [Benchmark(Description = "ValueRecorder.Record (Welford + histogram)")]
    public void RecordValue() => _recorder.Record(_latencies[Next()]);

    [Benchmark(Description = "ArmObservations: exposure + value by metric name")]
    public void RecordRequest()
    {
        _arm.RecordExposure();
        _arm.RecordValue("latency", _latencies[Next()]);
    }

    private int Next() => _next = (_next + 1) & 1023;
}
