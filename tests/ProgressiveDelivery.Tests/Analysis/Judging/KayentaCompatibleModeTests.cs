using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

public sealed class KayentaCompatibleModeTests
{
    private const int Points = 30;

    private static JudgeOptions Options(params MetricOptions[] metrics)
    {
        var options = new JudgeOptions { Mode = JudgeMode.KayentaCompatible };
        foreach (var metric in metrics)
        {
            options.Metrics.Add(metric);
        }

        return options;
    }

    private static MetricOptions Mean(string name, double weight = 1, bool critical = false) =>
        new() { Name = name, Kind = MetricKind.Mean, ToleranceKind = ToleranceKind.Absolute, Weight = weight, Critical = critical };

    /// <summary>Feeds 30 looks whose per-look points are baseline i and canary i + shift (i = 0..29), for each metric.</summary>
    private static JudgeVerdict Analyse(CanaryJudge judge, params (string Name, double Shift)[] metrics)
    {
        var script = new JudgeScript();
        JudgeVerdict? verdict = null;
        for (var i = 0; i < Points; i++)
        {
            script.Exposures(90, 10);
            foreach (var (name, shift) in metrics)
            {
                script.Values(name, 2, i, i + shift);
            }

            verdict = judge.Judge(script.Next());
            if (i < Points - 1)
            {
                Assert.Equal(JudgeDecision.Continue, verdict.Decision);
                Assert.Null(verdict.Score);
            }
        }

        return verdict!;
    }

    [Fact]
    public void Judge_LargeShift_ClassifiesHighAndRollsBackAtTheAnalysis()
    {
        var verdict = Analyse(new CanaryJudge(Options(Mean("latency"))), ("latency", 20));

        Assert.Equal(JudgeDecision.Rollback, verdict.Decision);
        Assert.Equal(JudgeReasons.KayentaScore, verdict.Reason);
        Assert.Equal(0, verdict.Score);
        var evidence = Assert.Single(verdict.Metrics);
        Assert.Equal(MetricResult.FailHigher, evidence.Result);
        Assert.Equal(MetricRules.KayentaHigh, evidence.Rule);
        Assert.Equal(20, evidence.EffectAbsolute, 9);   // every pairwise difference i - j + 20 has median 20
        Assert.Equal(Points, evidence.CanaryCount);
        Assert.True(evidence.LowerBound > evidence.Margin);
        Assert.Equal(0.25 * 20, evidence.Margin, 9);
    }

    [Fact]
    public void Judge_IntervalExcludesZeroButNotByTheTolerance_PassesLikeNetflixAcaJudge()
    {
        // A shift of 6 over points 0..29: the 98% interval is about 6 +- 5.4, so it clears 0 but not 0.25 x 6 = 1.5.
        var verdict = Analyse(new CanaryJudge(Options(Mean("latency"))), ("latency", 6));

        var evidence = Assert.Single(verdict.Metrics);
        Assert.InRange(evidence.LowerBound, 0, evidence.Margin);
        Assert.Equal(MetricResult.Pass, evidence.Result);
        Assert.Equal(JudgeDecision.Promote, verdict.Decision);
        Assert.Equal(100, verdict.Score);
    }

    [Fact]
    public void Judge_WeightedScoreBetweenThresholds_PausesAsMarginal()
    {
        // weight 4 passes, weight 1 fails: score 80, between marginal 75 and pass 95.
        var judge = new CanaryJudge(Options(Mean("a", weight: 4), Mean("b", weight: 1)));

        var verdict = Analyse(judge, ("a", 0), ("b", 20));

        Assert.Equal(80, verdict.Score!.Value, 9);
        Assert.Equal(JudgeDecision.Pause, verdict.Decision);
    }

    [Fact]
    public void Judge_CriticalMetricFails_ScoresZeroAndRollsBack()
    {
        var judge = new CanaryJudge(Options(Mean("a", weight: 99), Mean("b", weight: 1, critical: true)));

        var verdict = Analyse(judge, ("a", 0), ("b", 20));

        Assert.Equal(0, verdict.Score);
        Assert.Equal(JudgeDecision.Rollback, verdict.Decision);
    }

    [Fact]
    public void Judge_DecreaseIsBadAndCanaryHigher_Passes()
    {
        var metric = Mean("throughput");
        metric.BadDirection = MetricDirection.Decrease;

        var verdict = Analyse(new CanaryJudge(Options(metric)), ("throughput", 20));

        Assert.Equal(MetricResult.Pass, verdict.Metrics[0].Result);
        Assert.Equal(JudgeDecision.Promote, verdict.Decision);
    }

    [Fact]
    public void Validate_QuantileMetricInKayentaMode_IsRejected()
    {
        var options = Options(new MetricOptions { Name = "p99", Kind = MetricKind.Quantile });

        Assert.Contains(options.Validate(), e => e.Metric == "p99" && e.Field == "Kind");
    }
}
