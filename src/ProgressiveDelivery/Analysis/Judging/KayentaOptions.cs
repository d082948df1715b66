namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>Settings of the Kayenta-compatible mode (<see cref="JudgeMode.KayentaCompatible"/>).</summary>
/// <remarks>
/// Each call to <see cref="CanaryJudge.Judge(JudgeInput)"/> adds one aggregate point per arm and metric (the event rate
/// or mean value of the interval since the previous call, as Kayenta's one-minute time-series points when the judge is
/// called every minute). Every <see cref="PointsPerAnalysis"/> calls, the last <see cref="PointsPerAnalysis"/> points
/// are analysed the way NetflixACAJudge does.
/// </remarks>
public sealed class KayentaOptions
{
    /// <summary>The confidence level of the Mann-Whitney (Hodges-Lehmann) interval, in (0, 1).</summary>
    /// <value>The default value is 0.98, NetflixACAJudge's.</value>
    public double ConfidenceLevel { get; set; } = 0.98;

    /// <summary>
    /// The fraction of the absolute Hodges-Lehmann shift by which the interval must clear zero before a metric is
    /// classified high or low (NetflixACAJudge's <c>tolerance</c>).
    /// </summary>
    /// <value>The default value is 0.25.</value>
    public double Tolerance { get; set; } = 0.25;

    /// <summary>The score (0 to 100) at or above which an analysis promotes.</summary>
    /// <value>The default value is 95.</value>
    public double PassThreshold { get; set; } = 95;

    /// <summary>The score at or above which an analysis that does not pass is marginal (pauses) rather than failing.</summary>
    /// <value>The default value is 75.</value>
    public double MarginalThreshold { get; set; } = 75;

    /// <summary>The number of aggregate points (looks) per arm in one analysis; an analysis runs every that many looks.</summary>
    /// <value>The default value is 30 (a 30-minute analysis interval of one-minute points).</value>
    public int PointsPerAnalysis { get; set; } = 30;
}
