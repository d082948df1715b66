using System;
using MathNet.Numerics.Distributions;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Tests.Bucketing;

public partial class BucketerTests
{
    private const double Alpha = 0.001;

    [Fact]
    public void GetBucket_OneMillionSequentialIds_UniformOverHundredBins()
    {
        const int Units = 1_000_000;
        const int Bins = 100;
        var observed = new long[Bins];
        Span<char> id = stackalloc char[16];
        "user-".CopyTo(id);
        for (var i = 0; i < Units; i++)
        {
            i.TryFormat(id[5..], out var written);
            observed[Bucketer.GetBucket("uniformity", id[..(5 + written)]) / (Bucketer.BucketCount / Bins)]++;
        }

        const double Expected = (double)Units / Bins;
        var chiSquare = 0.0;
        foreach (var count in observed)
        {
            chiSquare += (count - Expected) * (count - Expected) / Expected;
        }

        // Pearson's goodness-of-fit test, df = 99; the p-value comes from MathNet's chi-square distribution.
        var pValue = 1 - ChiSquared.CDF(Bins - 1, chiSquare);
        Assert.True(pValue >= Alpha, $"chi-square {chiSquare:F1} on {Bins - 1} df, p = {pValue:G3}: buckets are not uniform.");
    }

    [Fact]
    public void GetBucket_TwoSalts_AssignIndependently()
    {
        const int Units = 200_000;
        const int Half = Bucketer.BucketCount / 2;
        var table = new long[2, 2];
        Span<char> id = stackalloc char[16];
        "user-".CopyTo(id);
        for (var i = 0; i < Units; i++)
        {
            i.TryFormat(id[5..], out var written);
            var unit = id[..(5 + written)];
            var inA = Bucketer.IsInRollout(Bucketer.GetBucket("checkout-redesign", unit), Half) ? 1 : 0;
            var inB = Bucketer.IsInRollout(Bucketer.GetBucket("new-search", unit), Half) ? 1 : 0;
            table[inA, inB]++;
        }

        // Pearson's chi-square test of independence on the 2x2 table, df = 1.
        var chiSquare = 0.0;
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                var expected = (double)(table[a, 0] + table[a, 1]) * (table[0, b] + table[1, b]) / Units;
                chiSquare += (table[a, b] - expected) * (table[a, b] - expected) / expected;
            }
        }

        var pValue = 1 - ChiSquared.CDF(1, chiSquare);
        Assert.True(pValue >= Alpha, $"chi-square {chiSquare:F2} on 1 df, p = {pValue:G3}: the two salts' assignments are dependent.");
    }

    [Fact]
    public void IsInRollout_RaisingPercentage_OnlyAddsUnits()
    {
        Span<char> id = stackalloc char[16];
        "unit-".CopyTo(id);
        for (var i = 0; i < 2_000; i++)
        {
            i.TryFormat(id[5..], out var written);
            var bucket = Bucketer.GetBucket("monotonic", id[..(5 + written)]);

            // Once in at some rollout p, the unit stays in at every q > p.
            var included = false;
            for (var basisPoints = 0; basisPoints <= Bucketer.BucketCount; basisPoints++)
            {
                var now = Bucketer.IsInRollout(bucket, basisPoints);
                if (included && !now)
                {
                    Assert.Fail($"unit {i} left the rollout when it grew to {basisPoints} basis points");
                }

                included = now;
            }

            Assert.True(included);
        }
    }

    [Fact]
    public void IsInRollout_FivePercent_IncludesAboutFivePercentOfUnits()
    {
        const int Units = 200_000;
        var inside = 0;
        Span<char> id = stackalloc char[16];
        "user-".CopyTo(id);
        for (var i = 0; i < Units; i++)
        {
            i.TryFormat(id[5..], out var written);
            inside += Bucketer.IsInRollout(Bucketer.GetBucket("five-percent", id[..(5 + written)]), 500) ? 1 : 0;
        }

        // Two-sided binomial test at alpha = 0.001, with the binomial CDF from MathNet.
        var lower = Binomial.CDF(0.05, Units, inside);
        var upper = 1 - Binomial.CDF(0.05, Units, inside - 1);
        Assert.True(2 * Math.Min(lower, upper) >= Alpha, $"{inside} of {Units} units inside a 5% rollout.");
    }
}
