using System;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

public sealed class QuantileMetricTests
{
    private static JudgeVerdict Run(double canaryFactor, int looks, out JudgeVerdict? firstDecisive)
    {
        var options = new JudgeOptions { UnitOfAnalysis = UnitOfAnalysis.Request };
        options.Metrics.Add(new MetricOptions { Name = "latency", Kind = MetricKind.Quantile, Quantile = 0.9, Tolerance = 0.2, MinimumSample = 200 });
        var judge = new CanaryJudge(options);
        var random = new Random(11);
        var baseline = new ArmObservations();
        var canary = new ArmObservations();
        JudgeVerdict? verdict = null;
        firstDecisive = null;
        for (var look = 1; look <= looks; look++)
        {
            for (var i = 0; i < 500; i++)
            {
                baseline.RecordExposure();
                baseline.RecordValue("latency", Math.Exp(SimulationRandom.Normal(random)));
                canary.RecordExposure();
                canary.RecordValue("latency", canaryFactor * Math.Exp(SimulationRandom.Normal(random)));
            }

            verdict = judge.Judge(new JudgeInput(baseline.GetSummary(), canary.GetSummary(), 0.5, JudgeScript.Start + TimeSpan.FromMinutes(look)));
            if (firstDecisive is null && verdict.Decision != JudgeDecision.Continue)
            {
                firstDecisive = verdict;
            }
        }

        return verdict!;
    }

    [Fact]
    public void Judge_CanaryP90TwiceTheBaseline_RollsBackWithQuantileEvidence()
    {
        Run(2.0, 10, out var decisive);

        Assert.NotNull(decisive);
        Assert.Equal(JudgeDecision.Rollback, decisive!.Decision);
        var evidence = Assert.Single(decisive.Metrics);
        Assert.Equal(MetricResult.FailHigher, evidence.Result);
        Assert.Equal("sequential_quantile", evidence.Test);
        Assert.True(evidence.LowerBound > 0);
        // The lognormal's p90 is exp(1.2816) = 3.60; the estimates are bucket midpoints within 1%, the sample within a few %.
        Assert.InRange(evidence.BaselineEstimate, 3.2, 4.0);
        Assert.InRange(evidence.CanaryEstimate, 6.4, 8.0);
    }

    [Fact]
    public void Judge_SameDistribution_NeverFailsAndPromotesOnceTheBandsAreNarrow()
    {
        var last = Run(1.0, 60, out var decisive);

        Assert.NotNull(decisive);
        Assert.Equal(JudgeDecision.Promote, decisive!.Decision);
        Assert.Equal(JudgeDecision.Promote, last.Decision);
        Assert.Equal(MetricResult.Pass, last.Metrics[0].Result);
    }
}
