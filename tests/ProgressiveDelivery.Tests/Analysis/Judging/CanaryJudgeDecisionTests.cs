using System;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

public sealed class CanaryJudgeDecisionTests
{
    private static JudgeOptions Options(Action<MetricOptions>? errors = null, Action<MetricOptions>? latency = null)
    {
        var options = new JudgeOptions { UnitOfAnalysis = UnitOfAnalysis.Request };
        var e = new MetricOptions { Name = "errors", Kind = MetricKind.CountRate, Tolerance = 0.5 };
        errors?.Invoke(e);
        options.Metrics.Add(e);
        if (latency is not null)
        {
            var l = new MetricOptions { Name = "latency", Kind = MetricKind.Mean, Tolerance = 0.1, ToleranceKind = ToleranceKind.Absolute };
            latency(l);
            options.Metrics.Add(l);
        }

        return options;
    }

    /// <summary>Baseline 9000 exposures / 45 errors per look; canary 1000 exposures with the given errors per look.</summary>
    private static JudgeVerdict Run(CanaryJudge judge, JudgeScript script, int looks, long canaryErrors, Action<JudgeScript>? more = null)
    {
        JudgeVerdict? verdict = null;
        for (var i = 0; i < looks; i++)
        {
            script.Exposures(9000, 1000).Events("errors", 45, canaryErrors);
            more?.Invoke(script);
            verdict = judge.Judge(script.Next());
        }

        return verdict!;
    }

    [Fact]
    public void Judge_CriticalMetricProvenWorse_RollsBackWithEvidence()
    {
        var judge = new CanaryJudge(Options(e => e.Critical = true));

        var verdict = Run(judge, new JudgeScript(), 10, canaryErrors: 25);

        Assert.Equal(JudgeDecision.Rollback, verdict.Decision);
        Assert.Equal(JudgeReasons.MetricFailed, verdict.Reason);
        var evidence = Assert.Single(verdict.Metrics);
        Assert.Equal(MetricResult.FailHigher, evidence.Result);
        Assert.Equal(MetricRules.ProvenWorse, evidence.Rule);
        Assert.True(evidence.PValue <= 0.05);
        Assert.Equal(10_000, evidence.CanaryCount);
        Assert.Equal(90_000, evidence.BaselineCount);
        Assert.Equal(0.025 - 0.005, evidence.EffectAbsolute, 12);
        Assert.Equal(4.0, evidence.EffectRelative, 12);
        Assert.True(evidence.Critical);
        Assert.Contains(FormattableString.Invariant($"critical 'errors' (higher, relative effect +400.0%, p = {evidence.PValue:G3})"), verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MeanMetricProvenWorse_MessageHasTheEffectAndTheAnytimePValueOfItsBounds()
    {
        // A mean metric is decided by its confidence sequence; the p-value printed is that sequence's (the smallest alpha
        // at which it excludes no effect), so it is at most alpha exactly when the bound decided.
        var judge = new CanaryJudge(Options(e => e.Muted = true, l => l.Tolerance = 0.1));
        var script = new JudgeScript();
        JudgeVerdict? verdict = null;
        for (var i = 0; i < 10 && verdict?.Decision != JudgeDecision.Rollback; i++)
        {
            script.Exposures(9000, 1000).Events("errors", 45, 5).Values("latency", 1000, 1.0, 1.5);
            verdict = judge.Judge(script.Next());
        }

        Assert.Equal(JudgeDecision.Rollback, verdict!.Decision);
        var latency = Assert.Single(verdict.Metrics, m => m.Name == "latency");
        Assert.True(latency.LowerBound > 0);
        Assert.InRange(latency.PValue, 0, latency.Alpha);
        Assert.Contains(FormattableString.Invariant($"'latency' (higher, relative effect +50.0%, p = {latency.PValue:G3})"), verdict.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OrdinaryMetricProvenWorse_RollsBack()
    {
        var verdict = Run(new CanaryJudge(Options()), new JudgeScript(), 10, canaryErrors: 25);

        Assert.Equal(JudgeDecision.Rollback, verdict.Decision);
    }

    [Fact]
    public void Judge_SignalOnlyMetricProvenWorse_PausesAndNeverRollsBack()
    {
        var judge = new CanaryJudge(Options(e => e.SignalOnly = true));

        var verdict = Run(judge, new JudgeScript(), 10, canaryErrors: 25);

        Assert.Equal(JudgeDecision.Pause, verdict.Decision);
        Assert.Equal(JudgeReasons.SignalFailed, verdict.Reason);
        Assert.True(verdict.Metrics[0].SignalOnly);
    }

    [Fact]
    public void Judge_MutedMetricProvenWorse_IsReportedButDoesNotDecide()
    {
        var judge = new CanaryJudge(Options(e => e.Muted = true, latency: _ => { }));

        var verdict = Run(judge, new JudgeScript(), 10, canaryErrors: 25, s => s.Values("latency", 1000, 5.0, 5.0));

        Assert.Equal(MetricResult.FailHigher, verdict.Metrics[0].Result);
        Assert.True(verdict.Metrics[0].Muted);
        Assert.NotEqual(JudgeDecision.Rollback, verdict.Decision);
    }

    [Fact]
    public void Judge_MinimumSampleNotReached_ContinuesThenPromotesOnceReached()
    {
        var judge = new CanaryJudge(Options(e => e.MinimumSample = 20_000, latency: l => l.MinimumSample = 20_000));
        var script = new JudgeScript();

        var early = Run(judge, script, 10, canaryErrors: 5, s => s.Values("latency", 1000, 5.0, 5.0));
        Assert.Equal(JudgeDecision.Continue, early.Decision);
        Assert.Equal(MetricRules.MinimumSample, early.Metrics[0].Rule);
        Assert.Equal(MetricRules.MinimumSample, early.Metrics[1].Rule);

        var later = Run(judge, script, 30, canaryErrors: 5, s => s.Values("latency", 1000, 5.0, 5.0));
        Assert.Equal(JudgeDecision.Promote, later.Decision);
        Assert.Equal(JudgeReasons.AllMetricsPass, later.Reason);
        Assert.All(later.Metrics, m => Assert.Equal(MetricResult.Pass, m.Result));
    }

    [Fact]
    public void Judge_NoCanaryExposures_ContinuesThenPausesAfterLimitAndNeverRollsBack()
    {
        var judge = new CanaryJudge(Options(e => e.Critical = true));
        var script = new JudgeScript();
        for (var minute = 1; minute <= 60; minute++)
        {
            var verdict = judge.Judge(script.Exposures(900, 0).Events("errors", 5, 0).Next());

            Assert.NotEqual(JudgeDecision.Rollback, verdict.Decision);
            Assert.Equal(JudgeReasons.NoData, verdict.Reason);
            Assert.Equal(MetricResult.NoData, verdict.Metrics[0].Result);
            Assert.Equal(minute >= 31 ? JudgeDecision.Pause : JudgeDecision.Continue, verdict.Decision);
            Assert.False(verdict.Health.SampleRatioMismatch);
        }
    }

    [Fact]
    public void Judge_NoDataLookLimit_PausesAfterThatManyLooks()
    {
        var options = Options();
        options.NoDataLookLimit = 3;
        var judge = new CanaryJudge(options);
        var script = new JudgeScript();

        var verdicts = new JudgeVerdict[3];
        for (var i = 0; i < 3; i++)
        {
            verdicts[i] = judge.Judge(script.Next());
        }

        Assert.Equal(JudgeDecision.Continue, verdicts[1].Decision);
        Assert.Equal(JudgeDecision.Pause, verdicts[2].Decision);
        Assert.Equal(3, verdicts[2].Health.LooksWithoutCanaryData);
    }

    [Fact]
    public void Judge_CanaryGetsHalfItsShare_PausesForSampleRatioMismatch()
    {
        var judge = new CanaryJudge(Options());
        var script = new JudgeScript();
        JudgeVerdict? verdict = null;
        for (var i = 0; i < 10; i++)
        {
            verdict = judge.Judge(script.Exposures(950, 50).Events("errors", 5, 0).Next());
        }

        Assert.Equal(JudgeDecision.Pause, verdict!.Decision);
        Assert.Equal(JudgeReasons.SampleRatioMismatch, verdict.Reason);
        Assert.True(verdict.Health.SampleRatioMismatch);
        Assert.True(verdict.Health.SrmSequentialPValue < 0.001 || verdict.Health.SrmChiSquarePValue < 0.001);
        Assert.Equal(0.05, verdict.Health.ObservedCanaryShare, 12);
    }

    [Fact]
    public void Judge_TimeGoesBackwards_Throws()
    {
        var judge = new CanaryJudge(Options());
        var script = new JudgeScript();
        var first = script.Exposures(900, 100).Next();
        var second = script.Exposures(900, 100).Next();
        judge.Judge(second);

        Assert.Throws<ArgumentException>(() => judge.Judge(first));
    }

    [Fact]
    public void Judge_CumulativeExposuresDecrease_Throws()
    {
        var judge = new CanaryJudge(Options());
        judge.Judge(new JudgeScript().Exposures(900, 100).Next());

        Assert.Throws<ArgumentException>(() => judge.Judge(new JudgeScript().Exposures(10, 1).Next()));
        Assert.Throws<ArgumentNullException>(() => judge.Judge(null!));
    }

    [Fact]
    public void Judge_LogMeanMetric20PercentSlower_FailsHigherWithMultiplicativeEffect()
    {
        var options = new JudgeOptions { UnitOfAnalysis = UnitOfAnalysis.Request };
        options.Metrics.Add(new MetricOptions { Name = "latency", Kind = MetricKind.Mean, Transform = MetricTransform.Log, Tolerance = 0.05 });
        var judge = new CanaryJudge(options);
        var script = new JudgeScript();
        JudgeVerdict? verdict = null;
        for (var i = 0; i < 5; i++)
        {
            verdict = judge.Judge(script.Exposures(1000, 1000).Values("latency", 1000, Math.Log(0.1), Math.Log(0.12)).Next());
        }

        var evidence = verdict!.Metrics[0];
        Assert.Equal(JudgeDecision.Rollback, verdict.Decision);
        Assert.Equal(MetricResult.FailHigher, evidence.Result);
        Assert.Equal(Math.Log(1.2), evidence.EffectAbsolute, 12);
        Assert.Equal(0.2, evidence.EffectRelative, 12);
        Assert.Equal(Math.Log(1.05), evidence.Margin, 12);
        Assert.True(evidence.LowerBound > 0 && evidence.LowerBound < evidence.EffectAbsolute && evidence.UpperBound > evidence.EffectAbsolute);
    }

    [Fact]
    public void Judge_ConversionsLowerInCanary_FailsLowerWhenDecreaseIsBad()
    {
        var judge = new CanaryJudge(Options(e => e.BadDirection = MetricDirection.Decrease));

        // Baseline converts 5% (450 of 9000 per look), the canary 2% (20 of 1000).
        JudgeVerdict? verdict = null;
        var script = new JudgeScript();
        for (var i = 0; i < 10; i++)
        {
            verdict = judge.Judge(script.Exposures(9000, 1000).Events("errors", 450, 20).Next());
        }

        Assert.Equal(MetricResult.FailLower, verdict!.Metrics[0].Result);
        Assert.Equal(JudgeDecision.Rollback, verdict.Decision);
    }

    [Fact]
    public void Judge_CanaryBetterWhenIncreaseIsBad_NeverFails()
    {
        var judge = new CanaryJudge(Options());
        JudgeVerdict? verdict = null;
        var script = new JudgeScript();
        for (var i = 0; i < 30; i++)
        {
            verdict = judge.Judge(script.Exposures(9000, 1000).Events("errors", 90, 0).Next());
            Assert.NotEqual(JudgeDecision.Rollback, verdict.Decision);
        }

        Assert.Equal(JudgeDecision.Promote, verdict!.Decision);
    }

    [Fact]
    public void Judge_SharedOutageAfterAWeightIncrease_IsNotReadAsACanaryRegression()
    {
        // 30 looks at 10% with 0.5% errors in both arms, then 10 looks at 50% during an outage failing 5% in both arms.
        // Cumulatively the canary's data come mostly from the outage (3.3% errors against the baseline's 1.2%); within
        // each weight segment the arms are equal, and that is what the judge compares.
        var judge = new CanaryJudge(Options());
        var script = new JudgeScript { CanaryShare = 0.1 };
        JudgeVerdict? verdict = null;
        for (var i = 0; i < 30; i++)
        {
            verdict = judge.Judge(script.Exposures(9000, 1000).Events("errors", 45, 5).Next());
        }

        script.CanaryShare = 0.5;
        for (var i = 0; i < 10; i++)
        {
            verdict = judge.Judge(script.Exposures(5000, 5000).Events("errors", 250, 250).Next());
            Assert.NotEqual(JudgeDecision.Rollback, verdict.Decision);
        }

        var errors = Assert.Single(verdict!.Metrics);
        Assert.True(errors.CanaryEstimate > 2.5 * errors.BaselineEstimate, "the cumulative rates differ");
        Assert.InRange(Math.Exp(errors.LowerBound), 0, 1);
        Assert.InRange(Math.Exp(errors.UpperBound), 1, 1.6);
    }
}
