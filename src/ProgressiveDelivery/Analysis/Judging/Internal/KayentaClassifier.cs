using System;
using ProgressiveDelivery.Analysis.FixedHorizon;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// NetflixACAJudge's metric classification (spinnaker/kayenta, MannWhitneyClassifier), reproduced on a window of
/// aggregate points: no data in an arm -> NoData; identical data, or one distinct value overall -> Pass; otherwise a
/// two-sided Mann-Whitney test with the Hodges-Lehmann shift (canary minus baseline) and its interval at the confidence
/// level; with bound = tolerance x |shift|, the metric is High when the interval's lower end exceeds +bound (and the
/// canary mean is not below the baseline mean: Kayenta's default effect-size gate, mean ratio >= 1), Low when its upper
/// end is below -bound (and the canary mean is not above), each only in the configured bad direction; else Pass.
/// </summary>
internal static class KayentaClassifier
{
    public static KayentaClassification Classify(double[] baseline, double[] canary, MetricDirection direction, double confidenceLevel, double tolerance)
    {
        var baselineMean = Mean(baseline);
        var canaryMean = Mean(canary);
        if (baseline.Length == 0 || canary.Length == 0)
        {
            return new KayentaClassification(MetricResult.NoData, MetricRules.NoData, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, baselineMean, canaryMean, baseline.Length, canary.Length);
        }

        if (SameValues(baseline, canary) || SingleValue(baseline, canary))
        {
            return new KayentaClassification(MetricResult.Pass, MetricRules.KayentaPass, 0, 0, 0, 0, 1, double.NaN, baselineMean, canaryMean, baseline.Length, canary.Length);
        }

        // R's wilcox.test(canary, baseline, conf.int = TRUE, conf.level, exact = FALSE, correct = TRUE), as Kayenta calls it.
        var test = MannWhitneyTest.Compute(canary, baseline);
        var shift = MannWhitneyTest.EstimateShift(canary, baseline, confidenceLevel);
        var bound = tolerance * Math.Abs(shift.Estimate);
        var high = direction != MetricDirection.Decrease && shift.ConfidenceLower > bound && canaryMean >= baselineMean;
        var low = direction != MetricDirection.Increase && shift.ConfidenceUpper < -bound && canaryMean <= baselineMean;
        var (result, rule) = high ? (MetricResult.FailHigher, MetricRules.KayentaHigh)
            : low ? (MetricResult.FailLower, MetricRules.KayentaLow)
            : (MetricResult.Pass, MetricRules.KayentaPass);
        return new KayentaClassification(
            result, rule, shift.ConfidenceLower, shift.ConfidenceUpper, shift.Estimate, bound, test.PValue, test.U, baselineMean, canaryMean, baseline.Length, canary.Length);
    }

    private static double Mean(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    private static bool SameValues(double[] baseline, double[] canary)
    {
        if (baseline.Length != canary.Length)
        {
            return false;
        }

        var a = (double[])baseline.Clone();
        var b = (double[])canary.Clone();
        Array.Sort(a);
        Array.Sort(b);
        return a.AsSpan().SequenceEqual(b);
    }

    private static bool SingleValue(double[] baseline, double[] canary)
    {
        var first = baseline[0];
        foreach (var value in baseline)
        {
            if (value != first)
            {
                return false;
            }
        }

        foreach (var value in canary)
        {
            if (value != first)
            {
                return false;
            }
        }

        return true;
    }
}
