using System;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

/// <summary>Sample-ratio mismatch at the edges: low weight, low traffic, where many looks see no canary exposure at all.</summary>
public class CanaryJudgeSrmTests
{
    [Fact]
    public void Judge_LowWeightLowTrafficCorrectAssignment_NoSampleRatioMismatch()
    {
        // 1% canary share, 20 exposures a minute: about 82% of looks see no canary exposure. With correct assignment
        // the SRM test must stay quiet; a test that skipped those looks would see the canary at ~5% and pause.
        const int Runs = 40;
        const int Looks = 600;
        var mismatches = 0;
        for (var seed = 0; seed < Runs; seed++)
        {
            var random = new Random(seed);
            var judge = new CanaryJudge(new JudgeOptions { UnitOfAnalysis = UnitOfAnalysis.Request, Metrics = { new MetricOptions { Name = "errors", Kind = MetricKind.CountRate } } });
            var script = new JudgeScript { CanaryShare = 0.01 };
            var mismatched = false;
            for (var look = 0; look < Looks && !mismatched; look++)
            {
                var canary = 0;
                for (var i = 0; i < 20; i++)
                {
                    canary += random.NextDouble() < 0.01 ? 1 : 0;
                }

                mismatched = judge.Judge(script.Exposures(20 - canary, canary).Next()).Health.SampleRatioMismatch;
            }

            mismatches += mismatched ? 1 : 0;
        }

        // At a 0.001 threshold the expected count is ~0.04 of 40 runs; one is already unlikely.
        Assert.True(mismatches <= 1, $"{mismatches} of {Runs} correctly assigned runs paused for SRM");
    }

    [Fact]
    public void Judge_CanaryStarvedAfterHavingData_ReportsSampleRatioMismatch()
    {
        var judge = new CanaryJudge(new JudgeOptions { UnitOfAnalysis = UnitOfAnalysis.Request, Metrics = { new MetricOptions { Name = "errors", Kind = MetricKind.CountRate } } });
        var script = new JudgeScript { CanaryShare = 0.1 };
        for (var look = 0; look < 10; look++)
        {
            judge.Judge(script.Exposures(900, 100).Next());
        }

        JudgeVerdict verdict = null!;
        for (var look = 0; look < 30; look++)
        {
            verdict = judge.Judge(script.Exposures(1000, 0).Next());
        }

        Assert.True(verdict.Health.SampleRatioMismatch);
        Assert.Equal(JudgeDecision.Pause, verdict.Decision);
        Assert.Equal(JudgeReasons.SampleRatioMismatch, verdict.Reason);
    }

    [Fact]
    public void Judge_CanarySilentPastNoDataLimitThenServed_SilenceIsNotMismatchEvidence()
    {
        // The canary gets nothing for an hour (the judge pauses no_data), then its 10% share: the hour of silence must
        // not count as SRM evidence once traffic flows, or a resumed rollout could never move again.
        var judge = new CanaryJudge(new JudgeOptions { UnitOfAnalysis = UnitOfAnalysis.Request, Metrics = { new MetricOptions { Name = "errors", Kind = MetricKind.CountRate } } });
        var script = new JudgeScript { CanaryShare = 0.1 };
        for (var look = 0; look < 60; look++)
        {
            Assert.False(judge.Judge(script.Exposures(900, 0).Next()).Health.SampleRatioMismatch);
        }

        for (var look = 0; look < 60; look++)
        {
            Assert.False(judge.Judge(script.Exposures(900, 100).Next()).Health.SampleRatioMismatch);
        }
    }
}
