using System.Collections.Generic;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// NetflixACAJudge's scoring: score = 100 x (weight of passing metrics) / (weight of metrics classified pass, high or
/// low); metrics without data are left out (as Kayenta leaves out groups without data). A failed critical metric sets
/// the score to 0. Score at or above the pass threshold promotes, at or above the marginal threshold pauses (marginal),
/// below it rolls back. The health checks come first as in the sequential mode (SRM pauses, no data pauses after its
/// limit and is never scored as a failure); a rollback caused only by signal-only metrics becomes a pause.
/// </summary>
internal static class KayentaScoring
{
    public static MetricEvidence Collecting(KayentaSeries series) => new()
    {
        Name = series.Settings.Name,
        Kind = series.Settings.Kind,
        Result = MetricResult.Inconclusive,
        Rule = MetricRules.KayentaCollecting,
        Test = "mann_whitney",
        BaselineCount = series.BaselinePoints,
        CanaryCount = series.CanaryPoints,
        Critical = series.Settings.Critical,
        Muted = series.Settings.Muted,
        SignalOnly = series.Settings.SignalOnly,
        Message = "Collecting aggregate points for the next analysis.",
    };

    public static MetricEvidence ToEvidence(MetricSettings settings, KayentaClassification c, double confidenceLevel) => new()
    {
        Name = settings.Name,
        Kind = settings.Kind,
        Result = c.Result,
        Rule = c.Rule,
        Test = "mann_whitney",
        Statistic = c.Statistic,
        PValue = c.PValue,
        LowerBound = c.Lower,
        UpperBound = c.Upper,
        EffectAbsolute = c.Shift,
        EffectRelative = BoundRules.Relative(c.CanaryMean, c.BaselineMean),
        BaselineEstimate = c.BaselineMean,
        CanaryEstimate = c.CanaryMean,
        BaselineCount = c.BaselinePoints,
        CanaryCount = c.CanaryPoints,
        Alpha = 1 - confidenceLevel,
        Margin = c.Bound,
        Critical = settings.Critical,
        Muted = settings.Muted,
        SignalOnly = settings.SignalOnly,
        Message = $"Hodges-Lehmann shift {c.Shift:G4}, {confidenceLevel:P0} interval [{c.Lower:G4}, {c.Upper:G4}], tolerance bound {c.Bound:G4}, over {c.CanaryPoints} canary / {c.BaselinePoints} baseline points.",
    };

    public static DecisionOutcome DecideBetweenAnalyses(HealthEvidence health, long looksToGo)
    {
        if (health.SampleRatioMismatch)
        {
            return new DecisionOutcome(JudgeDecision.Pause, JudgeReasons.SampleRatioMismatch, "Unhealthy assignment (sample-ratio mismatch).");
        }

        if (health.NoDataLimitReached)
        {
            return new DecisionOutcome(JudgeDecision.Pause, JudgeReasons.NoData, $"No new canary exposure for {health.TimeWithoutCanaryData}.");
        }

        return health.CanaryHasData
            ? new DecisionOutcome(JudgeDecision.Continue, JudgeReasons.Collecting, $"Next Kayenta-compatible analysis in {looksToGo} look(s).")
            : new DecisionOutcome(JudgeDecision.Continue, JudgeReasons.NoData, "The canary has no exposure yet; waiting for data.");
    }

    public static (DecisionOutcome Outcome, double? Score) Decide(IReadOnlyList<MetricEvidence> metrics, JudgeSettings settings, HealthEvidence health)
    {
        double passed = 0, total = 0;
        var criticalFailure = false;
        var onlySignalFailures = true;
        for (var i = 0; i < metrics.Count; i++)
        {
            var m = metrics[i];
            if (m.Muted || m.Result is MetricResult.NoData or MetricResult.Inconclusive or MetricResult.Error)
            {
                continue;
            }

            var weight = settings.Metrics[i].Weight;
            total += weight;
            if (m.Result == MetricResult.Pass)
            {
                passed += weight;
            }
            else
            {
                criticalFailure |= m.Critical;
                onlySignalFailures &= m.SignalOnly;
            }
        }

        if (criticalFailure)
        {
            return (new DecisionOutcome(JudgeDecision.Rollback, JudgeReasons.KayentaScore, "A critical metric was classified high or low: score 0."), 0);
        }

        var between = DecideBetweenAnalyses(health, 0);
        if (between.Decision == JudgeDecision.Pause)
        {
            return (between, null);
        }

        if (total <= 0)
        {
            return (new DecisionOutcome(JudgeDecision.Continue, JudgeReasons.NoData, "No metric had data in both arms; nothing to score."), null);
        }

        var score = 100 * passed / total;
        if (score >= settings.KayentaPassThreshold)
        {
            return (new DecisionOutcome(JudgeDecision.Promote, JudgeReasons.KayentaScore, $"Score {score:F1} >= pass threshold {settings.KayentaPassThreshold}."), score);
        }

        if (score >= settings.KayentaMarginalThreshold || onlySignalFailures)
        {
            return (new DecisionOutcome(JudgeDecision.Pause, JudgeReasons.KayentaScore, $"Score {score:F1} is marginal (pass {settings.KayentaPassThreshold}, marginal {settings.KayentaMarginalThreshold})."), score);
        }

        return (new DecisionOutcome(JudgeDecision.Rollback, JudgeReasons.KayentaScore, $"Score {score:F1} < marginal threshold {settings.KayentaMarginalThreshold}."), score);
    }
}
