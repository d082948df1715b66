using System;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Tests.Analysis.Sequential;

/// <summary>A log-linear histogram for the tests: buckets [r^k, r^(k+1)] over [1e-3, 1e3], r = 1 + relative width.</summary>
internal sealed class TestHistogram : IBucketedDistribution
{
    private const double Minimum = 1e-3;
    private readonly double _logRatio;
    private readonly long[] _counts;
    private readonly double[] _edges;

    public TestHistogram(double relativeWidth)
    {
        _logRatio = Math.Log(1 + relativeWidth);
        _counts = new long[(int)Math.Ceiling(Math.Log(1e6) / _logRatio) + 1];
        _edges = new double[_counts.Length + 1];
        for (var i = 1; i < _counts.Length; i++)
        {
            _edges[i] = Minimum * Math.Exp(i * _logRatio);
        }

        _edges[_counts.Length] = double.MaxValue;
    }

    public long TotalCount { get; private set; }

    public int BucketCount => _counts.Length;

    public void Record(double value)
    {
        var index = (int)Math.Floor(Math.Log(value / Minimum) / _logRatio);
        _counts[Math.Clamp(index, 0, _counts.Length - 1)]++;
        TotalCount++;
    }

    public void GetBucket(int index, out double lower, out double upper, out long count)
    {
        lower = _edges[index];
        upper = _edges[index + 1];
        count = _counts[index];
    }
}
