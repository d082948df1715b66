using System;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Tests.Analysis.Sequential;

public class HistogramDistributionTests
{
    [Fact]
    public void ConfidenceInterval_LogLinearHistogram_WithinOneBucketOfExactOrderStatisticBounds()
    {
        // Brute force on the raw values: lower = the largest value with fewer than (q - ε)n values below it, upper = the
        // smallest value with at least (q + ε)n values at or below it. The histogram's bounds may only be wider, by at
        // most one bucket (relative width 1/64).
        const double q = 0.9;
        const int n = 5000;
        var random = new Random(5);
        var values = new double[n];
        var histogram = new LogLinearHistogram();
        for (var i = 0; i < n; i++)
        {
            values[i] = Math.Exp(SimulationSampler.Normal(random));
            histogram.Record(values[i]);
        }

        Array.Sort(values);
        var epsilon = SequentialQuantileTest.BandRadius(n, 0.05, 100);
        var lowerIndex = (int)Math.Ceiling(((q - epsilon) * n) - 1);
        var upperIndex = (int)Math.Ceiling((q + epsilon) * n) - 1;
        var exactLower = values[lowerIndex];
        var exactUpper = values[upperIndex];

        var bounds = SequentialQuantileTest.ConfidenceInterval(new HistogramDistribution(histogram), q, 0.05, 100);
        Assert.InRange(bounds.Lower, exactLower / (1 + (1.0 / 64)), exactLower);
        Assert.InRange(bounds.Upper, exactUpper, exactUpper * (1 + (1.0 / 64)));
    }

    [Fact]
    public void GetBucket_ZeroAndNegativeValues_CoverWhatTheHistogramMerged()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(-2);
        histogram.Record(0);
        histogram.Record(1e-30);
        histogram.Record(3);
        var distribution = new HistogramDistribution(histogram);
        Assert.Equal(4, distribution.TotalCount);
        Assert.Equal(3, distribution.BucketCount);

        distribution.GetBucket(1, out var lower, out var upper, out var count);
        Assert.Equal(2, count);
        Assert.True(lower < 0 && upper >= 1e-30);

        var previousUpper = double.NegativeInfinity;
        for (var i = 0; i < distribution.BucketCount; i++)
        {
            distribution.GetBucket(i, out lower, out upper, out _);
            Assert.True(lower >= previousUpper && upper >= lower);
            previousUpper = upper;
        }
    }

    [Fact]
    public void Compare_Histograms_DetectsSlowerCanary()
    {
        var random = new Random(12);
        var canary = new LogLinearHistogram();
        var baseline = new LogLinearHistogram();
        for (var i = 0; i < 20_000; i++)
        {
            canary.Record(2 * Math.Exp(SimulationSampler.Normal(random)));
            baseline.Record(Math.Exp(SimulationSampler.Normal(random)));
        }

        Assert.True(SequentialQuantileTest.Compare(canary, baseline).IsWorse);
        Assert.True(SequentialQuantileTest.Compare(baseline, canary).IsNonInferior);
    }

    [Fact]
    public void FromSummary_ValueSummary_UsesCountMeanAndM2()
    {
        var summary = ValueSummary.FromValues([1.0, 2.0, 4.0]);
        var moments = SampleMoments.FromSummary(summary);
        Assert.Equal(3, moments.Count);
        Assert.Equal(7 / 3.0, moments.Mean, 12);
        Assert.Equal(((1.0 - (7 / 3.0)) * (1.0 - (7 / 3.0)) + ((2.0 - (7 / 3.0)) * (2.0 - (7 / 3.0))) + ((4.0 - (7 / 3.0)) * (4.0 - (7 / 3.0)))) / 2, moments.Variance, 12);
        Assert.Equal(0, SampleMoments.FromSummary(ValueSummary.Empty).Count);

        var other = ValueSummary.FromValues([3.0, 5.0, 4.0, 6.0]);
        var result = MeanConfidenceSequence.Compute(SampleMoments.FromSummary(other), moments, new() { MinimumSampleSize = 3 });
        Assert.Equal(4.5 - (7 / 3.0), result.Difference, 12);
    }
}
