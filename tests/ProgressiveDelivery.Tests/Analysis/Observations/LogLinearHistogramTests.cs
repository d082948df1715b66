using System;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Observations;

public class LogLinearHistogramTests
{
    [Fact]
    public void Constants_DescribeTheLayout()
    {
        Assert.Equal(LogLinearHistogram.MinMagnitude, Math.ScaleB(1, -64));
        Assert.Equal(LogLinearHistogram.MaxMagnitude, Math.ScaleB(1, 64));
        Assert.True(LogLinearHistogram.RelativeError < 0.01);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2024)]
    public void RepresentativeOf_RandomValuesOverTheRange_WithinRelativeError(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 20_000; i++)
        {
            // Magnitudes spread log-uniformly over 1e-15 .. 1e15, both signs.
            var value = Math.Pow(10, (random.NextDouble() * 30) - 15) * (random.Next(2) == 0 ? -1 : 1);
            var representative = LogLinearHistogram.RepresentativeOf(value);
            Assert.True(Math.Abs(representative - value) <= LogLinearHistogram.RelativeError * Math.Abs(value), $"{value:R} -> {representative:R}");
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.0078125)]
    [InlineData(1.9999999999999998)]
    [InlineData(1e-19)]
    [InlineData(1.8e19)]
    public void GetBuckets_ValueAtOrNearBucketEdge_LandsInABucketThatContainsIt(double value)
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(value);
        var bucket = Assert.Single(histogram.GetBuckets());
        Assert.True(bucket.Lower <= value && value < bucket.Upper, $"{value:R} not in [{bucket.Lower:R}, {bucket.Upper:R})");
        Assert.Equal(1, bucket.Count);
    }

    [Fact]
    public void GetBuckets_NegativeZeroAndPositive_AscendingOrderWithTinyValuesInZeroBucket()
    {
        var histogram = new LogLinearHistogram();
        foreach (var value in new[] { 3.0, -0.5, 0.0, 1e-30, -7.0, 3.01, -0.0 })
        {
            histogram.Record(value);
        }

        var buckets = histogram.GetBuckets();
        Assert.Equal(7, histogram.Count);
        Assert.Equal(3, histogram.ZeroCount);
        Assert.Equal([-7.0, -0.5, 0.0, 3.0], Array.ConvertAll(buckets, b => Math.Round(b.Representative, 1)));
        Assert.Equal([1L, 1, 3, 2], Array.ConvertAll(buckets, b => b.Count));
        for (var i = 1; i < buckets.Length; i++)
        {
            Assert.True(buckets[i - 1].Upper <= buckets[i].Lower);
        }
    }

    [Theory]
    [InlineData(11, 1_000)]
    [InlineData(12, 20_000)]
    [InlineData(13, 100_000)]
    public void Quantile_SeededLogNormal_WithinRelativeErrorOfExactOrderStatistic(int seed, int count)
    {
        var values = Samples.LogNormal(seed, count, mu: Math.Log(0.05), sigma: 1);
        var histogram = new LogLinearHistogram();
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        Array.Sort(values);
        foreach (var q in new[] { 0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0 })
        {
            // Type-1 sample quantile: the order statistic of rank max(1, ceil(q n)).
            var exact = values[Math.Max(1, (int)Math.Ceiling(q * count)) - 1];
            var estimate = histogram.Quantile(q);
            Assert.True(Math.Abs(estimate - exact) <= LogLinearHistogram.RelativeError * exact, $"q={q}: exact {exact:R}, estimate {estimate:R}");
        }
    }

    [Fact]
    public void Quantile_Empty_ReturnsNaN() => Assert.True(double.IsNaN(new LogLinearHistogram().Quantile(0.5)));

    [Fact]
    public void Quantile_ProbabilityOutsideUnitInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogLinearHistogram().Quantile(1.5));

    [Fact]
    public void Merge_TwoHistograms_EqualsHistogramOfTheUnion()
    {
        var first = Samples.LogNormal(1, 5_000, 0, 2);
        var second = Samples.LogNormal(2, 3_000, 1, 0.5);
        var a = new LogLinearHistogram();
        var b = new LogLinearHistogram();
        var union = new LogLinearHistogram();
        foreach (var value in first)
        {
            a.Record(value);
            union.Record(value);
        }

        foreach (var value in second)
        {
            b.Record(-value);
            union.Record(-value);
        }

        a.Merge(b);
        Assert.Equal(union.Count, a.Count);
        Assert.Equal(union.GetBuckets(), a.GetBuckets());
    }

    [Fact]
    public void Merge_Itself_DoublesEveryCount()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(1);
        histogram.Record(-2);
        histogram.Merge(histogram);
        Assert.Equal(4, histogram.Count);
        Assert.All(histogram.GetBuckets(), bucket => Assert.Equal(2, bucket.Count));
    }

    [Fact]
    public void Record_ReadOnlyCopy_Throws()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(1);
        var copy = histogram.ToReadOnly();
        Assert.True(copy.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => copy.Record(1));
        Assert.Throws<InvalidOperationException>(() => copy.Merge(histogram));
        histogram.Record(2);
        Assert.Equal(1, copy.Count);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Record_NotFinite_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogLinearHistogram().Record(value));

    [Fact]
    public void Record_ManyThreads_CountsAreExact()
    {
        const int Threads = 8;
        const int PerThread = 50_000;
        var histogram = new LogLinearHistogram();
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                histogram.Record(1 + (i % 100));
            }
        });

        Assert.Equal(Threads * PerThread, histogram.Count);
        long total = 0;
        foreach (var bucket in histogram.GetBuckets())
        {
            total += bucket.Count;
        }

        Assert.Equal(Threads * PerThread, total);
        Assert.Equal(Threads * PerThread / 100, histogram.GetBuckets()[0].Count);
    }

    [Fact]
    public void Record_AfterWarmUp_AllocatesNothing()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(0.001);
        histogram.Record(-5);
        histogram.Record(0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            histogram.Record(0.001 + (i * 1e-9));
            histogram.Record(-5);
            histogram.Record(0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
