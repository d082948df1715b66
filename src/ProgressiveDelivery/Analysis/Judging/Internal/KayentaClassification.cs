namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>The outcome of classifying one metric's window of points the NetflixACAJudge way.</summary>
internal readonly record struct KayentaClassification(
    MetricResult Result,
    string Rule,
    double Lower,
    double Upper,
    double Shift,
    double Bound,
    double PValue,
    double Statistic,
    double BaselineMean,
    double CanaryMean,
    int BaselinePoints,
    int CanaryPoints);
