using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

/// <summary>
/// The fast subset of the simulation report (benchmarks/results/judge-simulation.md has the full 1000-run, 24-hour
/// versions): seeded, so each assertion is deterministic, with bounds that leave room for the smaller run counts.
/// </summary>
public sealed class JudgeSimulationTests
{
    private const int Threads = 2;

    [Fact]
    public void Sequential_AaErrors200RunsOf240Looks_FalseRollbackAtMostAlphaPlusMargin()
    {
        var outcomes = TrafficSimulator.RunMany(
            SimulationScenarios.ErrorsAa(240), [() => SimulationJudges.Errors(JudgeMode.Sequential)], runs: 200, seed: 1000, Threads);

        var falseRollbacks = OutcomeStatistics.Count(outcomes, static o => o.Judges[0].RollbackMinute);
        var naive = OutcomeStatistics.Count(outcomes, static o => o.NaiveRejectMinute);

        // alpha = 5% of 200 runs is 10; a binomial(200, 0.05) exceeds 18 with probability < 0.5%.
        Assert.InRange(falseRollbacks, 0, 18);
        // The naive monitor on the same data: far above 5% after 240 looks (Armitage: ~40%).
        Assert.True(naive > 2 * falseRollbacks && naive >= 40, $"naive {naive}, judge {falseRollbacks}");
    }

    [Fact]
    public void Sequential_AaErrorsWhileTheWeightSteps_NoExcessFalseRollbackOrSrmPause()
    {
        var outcomes = TrafficSimulator.RunMany(
            SimulationScenarios.ErrorsAaSteppedWeights(420), [() => SimulationJudges.Errors(JudgeMode.Sequential)], runs: 200, seed: 7000, Threads);

        Assert.InRange(OutcomeStatistics.Count(outcomes, static o => o.Judges[0].RollbackMinute), 0, 18);
        // The SRM test restarts its segment at each weight change: at most 0.1% per run, so 2 of 200 is already unlikely.
        Assert.InRange(OutcomeStatistics.Count(outcomes, static o => o.Judges[0].SrmPauseMinute), 0, 2);
    }

    [Fact]
    public void Sequential_ErrorsDoubled100Runs_MedianDetectionWithin30Minutes()
    {
        var outcomes = TrafficSimulator.RunMany(
            SimulationScenarios.ErrorsDoubled(240), [() => SimulationJudges.Errors(JudgeMode.Sequential)], runs: 100, seed: 2000, Threads);

        var median = OutcomeStatistics.Quantile(outcomes, static o => o.Judges[0].RollbackMinute, 0.5);
        var detected = OutcomeStatistics.Count(outcomes, static o => o.Judges[0].RollbackMinute, 240);

        Assert.True(median <= 30, $"median {median} min");
        Assert.True(detected >= 95, $"{detected} of 100 detected within 4 h");
    }

    [Fact]
    public void Sequential_LatencyPlus10Percent100Runs_MedianDetectionWithin20Minutes()
    {
        var outcomes = TrafficSimulator.RunMany(
            SimulationScenarios.Latency(120, 1.1), [() => SimulationJudges.Latency(JudgeMode.Sequential)], runs: 100, seed: 3000, Threads);

        var median = OutcomeStatistics.Quantile(outcomes, static o => o.Judges[0].RollbackMinute, 0.5);

        Assert.True(median <= 20, $"median {median} min");
    }

    [Fact]
    public void Sequential_AaLatency200RunsOf240Looks_FalseAlarmAtMostAlphaPlusMargin()
    {
        var outcomes = TrafficSimulator.RunMany(
            SimulationScenarios.Latency(240, 1.0), [() => SimulationJudges.Latency(JudgeMode.Sequential)], runs: 200, seed: 4000, Threads);

        Assert.InRange(OutcomeStatistics.Count(outcomes, static o => o.Judges[0].RollbackMinute), 0, 18);
    }

    [Fact]
    public void BothModes_NoCanaryTrafficForAnHour_NeverRollBackAndPauseWithNoDataAtTheLimit()
    {
        var outcomes = TrafficSimulator.RunMany(
            SimulationScenarios.NoCanaryTraffic(70, 60), SimulationJudges.Both(SimulationJudges.Errors), runs: 50, seed: 5000, Threads);

        foreach (var outcome in outcomes)
        {
            foreach (var judge in outcome.Judges)
            {
                Assert.Equal(0, judge.RollbackMinute);
                Assert.Equal(JudgeReasons.NoData, judge.FirstPauseReason);
                Assert.Equal(31, judge.NoDataPauseMinute);
                Assert.Equal(30, judge.ContinueNoDataMinutes);

                // The hour without canary traffic is a no-data period, not a sample-ratio mismatch.
                Assert.True(judge.SrmPauseMinute is 0 or > 60, $"SRM pause at minute {judge.SrmPauseMinute}");
            }
        }
    }

    [Fact]
    public void Kayenta_ErrorsDoubled50Runs_RollsBackSomeRunsAndPromotesNoneBeforeItsFirstAnalysis()
    {
        var outcomes = TrafficSimulator.RunMany(
            SimulationScenarios.ErrorsDoubled(240), [() => SimulationJudges.Errors(JudgeMode.KayentaCompatible)], runs: 50, seed: 6000, Threads);

        foreach (var outcome in outcomes)
        {
            var judge = outcome.Judges[0];
            Assert.True(judge.RollbackMinute == 0 || judge.RollbackMinute % 30 == 0, "Kayenta decides only at its analyses");
            Assert.True(judge.PromoteMinute == 0 || judge.PromoteMinute >= 30);
        }

        Assert.True(OutcomeStatistics.Count(outcomes, static o => o.Judges[0].RollbackMinute) > 0);
    }
}
