using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// The confidence-sequence settings of a metric: one-sided at the metric's alpha for <see cref="MetricDirection.Increase"/>
/// and <see cref="MetricDirection.Decrease"/> (each bound holds at alpha), two-sided at alpha for <see cref="MetricDirection.Either"/>.
/// </summary>
internal static class ConfidenceBounds
{
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
}
