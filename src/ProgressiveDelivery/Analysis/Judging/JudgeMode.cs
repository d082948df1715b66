namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>How a <see cref="CanaryJudge"/> reaches its decisions.</summary>
public enum JudgeMode
{
    /// <summary>
    /// Anytime-valid sequential tests on request-level data: the false-rollback guarantee holds however often the
    /// judge is asked. The default and the recommended mode.
    /// </summary>
    Sequential = 0,

    /// <summary>
    /// Spinnaker Kayenta's NetflixACAJudge rule: a Mann-Whitney test per metric on one aggregate point per look,
    /// a weighted score and pass/marginal thresholds. Each analysis is a fixed-sample test repeated without
    /// correction, so it is less safe under repeated looks; offered for teams migrating from Kayenta.
    /// </summary>
    KayentaCompatible = 1,
}
