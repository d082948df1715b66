using System;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// Bounds of the confidence sequence on canary minus baseline, from <see cref="MeanConfidenceSequence"/>: one-sided at
/// the metric's alpha for <see cref="MetricDirection.Increase"/>/<see cref="MetricDirection.Decrease"/> (each bound
/// holds at alpha), two-sided at alpha for <see cref="MetricDirection.Either"/>.
/// </summary>
internal readonly record struct ConfidenceBounds(double Lower, double Upper)
{
    public static ConfidenceBounds Invalid => new(double.NaN, double.NaN);

    public static MeanConfidenceSequenceOptions CreateOptions(MetricSettings settings, double tuningSampleSize) => new()
    {
        Alpha = settings.Alpha,
        TuningSampleSize = tuningSampleSize,
        OneSided = settings.Direction != MetricDirection.Either,
        HigherIsWorse = settings.Direction != MetricDirection.Decrease,
        NonInferiorityMargin = 0,
        RelativeMargin = false,
        MinimumSampleSize = 2,
    };

    /// <summary>The bounds on the difference of means from each arm's count, mean and M2.</summary>
    public static ConfidenceBounds MeanDifference(
        long baselineCount, double baselineMean, double baselineM2, long canaryCount, double canaryMean, double canaryM2, MeanConfidenceSequenceOptions options)
    {
        if (baselineCount < 2 || canaryCount < 2)
        {
            return Invalid;
        }

        var baseline = new SampleMoments(baselineCount, baselineMean, baselineM2 / (baselineCount - 1));
        var canary = new SampleMoments(canaryCount, canaryMean, canaryM2 / (canaryCount - 1));
        var result = MeanConfidenceSequence.Compute(canary, baseline, options);
        return new ConfidenceBounds(result.LowerBound, result.UpperBound);
    }

    /// <summary>
    /// The bounds on the difference of event rates, treating each exposure as a 0/1 value with mean k/n. Each arm's
    /// variance is the larger of its own p(1 - p) and the pooled rate's, so that an arm with no event yet (plug-in
    /// variance 0) does not make the bounds overconfident.
    /// </summary>
    public static ConfidenceBounds RateDifference(long baselineExposures, long baselineEvents, long canaryExposures, long canaryEvents, MeanConfidenceSequenceOptions options)
    {
        if (baselineExposures < 2 || canaryExposures < 2)
        {
            return Invalid;
        }

        var baselineRate = (double)baselineEvents / baselineExposures;
        var canaryRate = (double)canaryEvents / canaryExposures;
        var pooled = (double)(baselineEvents + canaryEvents) / (baselineExposures + canaryExposures);
        var pooledVariance = pooled * (1 - pooled);
        var baseline = new SampleMoments(baselineExposures, baselineRate, Math.Max(baselineRate * (1 - baselineRate), pooledVariance));
        var canary = new SampleMoments(canaryExposures, canaryRate, Math.Max(canaryRate * (1 - canaryRate), pooledVariance));
        var result = MeanConfidenceSequence.Compute(canary, baseline, options);
        return new ConfidenceBounds(result.LowerBound, result.UpperBound);
    }
}
