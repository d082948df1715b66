using System;
using ProgressiveDelivery.Analysis.Sequential;
using Xunit.Abstractions;

namespace ProgressiveDelivery.Tests.Analysis.Sequential;

public class SequentialQuantileTestTests(ITestOutputHelper output)
{
    [Fact]
    public void BandRadius_MatchesConfseqReference()
    {
        // confseq (Howard & Ramdas' library), test/uniform_boundaries_unittest.cpp:
        // empirical_process_lil_bound(1000, .05, 100, 0.85) = 0.08204769.
        Assert.Equal(0.08204769, SequentialQuantileTest.BandRadius(1000, 0.05, 100), 1e-6);
        Assert.True(double.IsPositiveInfinity(SequentialQuantileTest.BandRadius(99, 0.05, 100)));
    }

    [Fact]
    public void ConfidenceInterval_TenEqualBuckets_BoundsAtHandComputedEdges()
    {
        // 1000 values, 100 in each of [0,1], [1,2], ..., [9,10]; q = 0.5 and ε = 0.08204769 (α = 0.05, m = 100):
        // lower = the largest bucket start with fewer than (0.5 - ε)·1000 = 418 values below it: 4 (400 below);
        // upper = the first bucket end with at least (0.5 + ε)·1000 = 582 values at or below it: 6 (600).
        var histogram = new FixedHistogram(10, 100);
        var bounds = SequentialQuantileTest.ConfidenceInterval(histogram, 0.5, 0.05, 100);
        Assert.Equal(4, bounds.Lower);
        Assert.Equal(6, bounds.Upper);
        Assert.Equal(4.5, bounds.Estimate);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.2)]
    public void ConfidenceInterval_SeededLooks_CoversTrueQuantile(double relativeWidth)
    {
        // Exponential(1) values; the true 0.9-quantile is ln 10. Coarse buckets widen the interval, never break it.
        const int runs = 200;
        const double alpha = 0.05;
        var truth = Math.Log(10);
        var misses = 0;
        var widthAtEnd = 0.0;
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(70_000 + run);
            var histogram = new TestHistogram(relativeWidth);
            var missed = false;
            for (var look = 0; look < 100 && !missed; look++)
            {
                for (var i = 0; i < 50; i++)
                {
                    histogram.Record(-Math.Log(1 - random.NextDouble()));
                }

                var bounds = SequentialQuantileTest.ConfidenceInterval(histogram, 0.9, alpha, 100);
                missed = bounds.Lower > truth || bounds.Upper < truth;
                widthAtEnd = bounds.Upper - bounds.Lower;
            }

            misses += missed ? 1 : 0;
        }

        output.WriteLine($"bucket width {relativeWidth:P0}: miss rate {misses / (double)runs:P1}; final width {widthAtEnd:F3}");
        Assert.InRange(misses / (double)runs, 0, SimulationSampler.ThreeSigmaCeiling(alpha, runs));
    }

    [Fact]
    public void Compare_SameDistribution_RarelyWorse()
    {
        const int runs = 100;
        var worse = 0;
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(80_000 + run);
            var canary = new TestHistogram(0.01);
            var baseline = new TestHistogram(0.01);
            var flagged = false;
            for (var look = 0; look < 60 && !flagged; look++)
            {
                for (var i = 0; i < 100; i++)
                {
                    canary.Record(Math.Exp(SimulationSampler.Normal(random)));
                    baseline.Record(Math.Exp(SimulationSampler.Normal(random)));
                }

                flagged = SequentialQuantileTest.Compare(canary, baseline).IsWorse;
            }

            worse += flagged ? 1 : 0;
        }

        Assert.InRange(worse / (double)runs, 0, SimulationSampler.ThreeSigmaCeiling(0.05, runs));
    }

    [Fact]
    public void Compare_P90HalfAgainSlower_DetectedAndNotNonInferior()
    {
        var random = new Random(11);
        var canary = new TestHistogram(0.01);
        var baseline = new TestHistogram(0.01);
        var minute = 0;
        QuantileComparisonResult result = default;
        while (minute < 300 && !result.IsWorse)
        {
            minute++;
            for (var i = 0; i < 100; i++)
            {
                canary.Record(1.5 * Math.Exp(SimulationSampler.Normal(random)));
                baseline.Record(Math.Exp(SimulationSampler.Normal(random)));
            }

            result = SequentialQuantileTest.Compare(canary, baseline);
            Assert.False(result.IsNonInferior);
        }

        output.WriteLine($"p90 x1.5 detected after {minute} minutes at 100 values/min per arm");
        Assert.True(result.IsWorse);
        Assert.True(result.Canary.Lower > result.Baseline.Upper);
    }

    [Fact]
    public void Compare_BelowMinimumCount_NoVerdict()
    {
        var result = SequentialQuantileTest.Compare(new FixedHistogram(5, 10), new FixedHistogram(5, 10));
        Assert.False(result.IsWorse);
        Assert.False(result.IsNonInferior);
        Assert.True(double.IsNegativeInfinity(result.Canary.Lower));
        Assert.True(double.IsPositiveInfinity(result.Baseline.Upper));
    }

    [Fact]
    public void Compare_InvalidArguments_Throw()
    {
        var histogram = new FixedHistogram(3, 3);
        Assert.Throws<ArgumentNullException>(() => SequentialQuantileTest.Compare(null!, histogram));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequentialQuantileTest.Compare(histogram, histogram, new() { Quantile = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequentialQuantileTest.ConfidenceInterval(histogram, 0.5, 0.05, 0));
    }

    // `buckets` buckets [i, i + 1] holding `perBucket` values each.
    private sealed class FixedHistogram(int buckets, long perBucket) : IBucketedDistribution
    {
        public long TotalCount => buckets * perBucket;

        public int BucketCount => buckets;

        public void GetBucket(int index, out double lower, out double upper, out long count)
        {
            lower = index;
            upper = index + 1;
            count = perBucket;
        }
    }
}
