using System;
using System.Linq;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Observations;

public class ValueSummaryTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1_000, 17)]
    [InlineData(3, 10_000, 50_000)]
    [InlineData(4, 0, 300)]
    public void Merge_TwoSummaries_EqualsTwoPassStatisticsOfTheUnion(int seed, int countA, int countB)
    {
        // Shifted lognormal data with a large offset: a naive sum-of-squares formula would lose digits here.
        var a = Shift(Samples.LogNormal(seed, countA, 0, 1), 1e4);
        var b = Shift(Samples.LogNormal(seed + 100, countB, 0.5, 0.3), 1e4);
        var union = new double[a.Length + b.Length];
        a.CopyTo(union, 0);
        b.CopyTo(union, a.Length);

        var merged = ValueSummary.Merge(ValueSummary.FromValues(a), ValueSummary.FromValues(b));
        var (mean, m2) = Samples.TwoPass(union);

        Assert.Equal(union.Length, merged.Count);
        Samples.AssertRelative(mean, merged.Mean, Tolerance);
        Samples.AssertRelative(m2, merged.M2, 1e-10);
        Samples.AssertRelative(m2 / (union.Length - 1), merged.Variance, 1e-10);
        Assert.Equal(union.Min(), merged.Min);
        Assert.Equal(union.Max(), merged.Max);
        Assert.Equal(ValueSummary.FromValues(union).Histogram!.GetBuckets(), merged.Histogram!.GetBuckets());
    }

    [Fact]
    public void Merge_UnitScaleData_MatchesTwoPassTo1e12()
    {
        var a = Samples.LogNormal(21, 4_000, 0, 1);
        var b = Samples.LogNormal(22, 6_000, 0.3, 1);
        var union = new double[a.Length + b.Length];
        a.CopyTo(union, 0);
        b.CopyTo(union, a.Length);

        var merged = ValueSummary.Merge(ValueSummary.FromValues(a), ValueSummary.FromValues(b));
        var (mean, m2) = Samples.TwoPass(union);

        Samples.AssertRelative(mean, merged.Mean, Tolerance);
        Samples.AssertRelative(m2, merged.M2, Tolerance);
    }

    [Fact]
    public void Merge_WithEmpty_ReturnsTheOther()
    {
        var summary = ValueSummary.FromValues([1.0, 2.0, 4.0]);
        Assert.Same(summary, ValueSummary.Merge(summary, ValueSummary.Empty));
        Assert.Same(summary, ValueSummary.Merge(ValueSummary.Empty, summary));
    }

    [Fact]
    public void Merge_OneWithoutHistogram_ResultHasNoHistogram()
    {
        var moments = new ValueSummary(2, 1.5, 0.5, 1, 2);
        var merged = ValueSummary.Merge(moments, ValueSummary.FromValues([3.0]));
        Assert.Null(merged.Histogram);
        Assert.Equal(3, merged.Count);
        Assert.Equal(2.0, merged.Mean, 15);
        Assert.Equal(2.0, merged.M2, 14);
    }

    [Fact]
    public void Constructor_UnknownExtremes_AllowedAndPropagateThroughMergeAndJson()
    {
        var moments = new ValueSummary(10, 2.5, 9, double.NaN, double.NaN);
        var merged = ValueSummary.Merge(moments, new ValueSummary(2, 1, 0.5, 0.5, 1.5));
        Assert.True(double.IsNaN(merged.Min) && double.IsNaN(merged.Max));
        var copy = ObservationJson.DeserializeValueSummary(ObservationJson.Serialize(moments));
        Assert.True(double.IsNaN(copy.Min));
        Assert.Equal(9, copy.M2);
    }

    [Fact]
    public void Empty_HasNaNVarianceAndExtremes()
    {
        var empty = ValueSummary.Empty;
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Variance));
        Assert.True(double.IsNaN(empty.Min));
        Assert.Equal(0, empty.Histogram!.Count);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, 0)]
    [InlineData(2, 1, -0.5, 0, 2)]
    [InlineData(2, 1, 0.5, 3, 2)]
    [InlineData(0, 1, 0, double.NaN, double.NaN)]
    [InlineData(2, double.NaN, 0.5, 0, 2)]
    [InlineData(2, 1, 0.5, double.NaN, 2)]
    public void Constructor_InconsistentMoments_Throws(long count, double mean, double m2, double min, double max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueSummary(count, mean, m2, min, max));

    [Fact]
    public void Constructor_HistogramCountDiffers_Throws()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueSummary(2, 1, 0, 1, 1, histogram));
    }

    private static double[] Shift(double[] values, double offset)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += offset;
        }

        return values;
    }

}
