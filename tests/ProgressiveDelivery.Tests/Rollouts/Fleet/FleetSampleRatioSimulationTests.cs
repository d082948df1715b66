using System;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Plans;
using Xunit.Abstractions;

namespace ProgressiveDelivery.Tests.Rollouts.Fleet;

/// <summary>
/// The sample-ratio test in fleet mode, by seeded simulation: three replicas serve the same users, and each flushes in a
/// given minute only with probability 0.4, so rows of a step that ended keep arriving after the weight moved on (users
/// then move to the earlier step and arm they were really first seen in). Under correct assignment the test must stay
/// quiet and no look may fail; a canary that loses a fifth of its units must still be caught. Before each unit was
/// given to the test once at its own step's share, 36 of the 40 healthy runs paused for SRM.
/// </summary>
public sealed class FleetSampleRatioSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HealthyCanary_LateFlushesOfEndedSteps_NoLookFails_AndSampleRatioMismatchStaysRare()
    {
        const int Runs = 40;
        var (pausedForSrm, promoted, failedLooks) = await SimulateAsync(Runs, loseCanaryOfEveryNthUnit: 0);

        output.WriteLine($"{Runs} runs: {promoted} promoted, {pausedForSrm} paused for SRM, {failedLooks} failed looks");
        Assert.Equal(0, failedLooks);
        Assert.True(pausedForSrm <= 2, $"{pausedForSrm} of {Runs} healthy rollouts paused for a sample-ratio mismatch");
        Assert.True(promoted >= Runs - 4, $"only {promoted} of {Runs} healthy rollouts were promoted");
    }

    [Fact]
    public async Task CanaryLosingAFifthOfItsUnits_LateFlushesOfEndedSteps_IsPausedForSampleRatioMismatch()
    {
        const int Runs = 10;
        var (pausedForSrm, promoted, failedLooks) = await SimulateAsync(Runs, loseCanaryOfEveryNthUnit: 5);

        output.WriteLine($"{Runs} runs: {promoted} promoted, {pausedForSrm} paused for SRM, {failedLooks} failed looks");
        Assert.Equal(0, failedLooks);
        // 8 of 10 in this seeded run; the others were promoted first (2-minute bakes end the rollout in about 12 minutes).
        Assert.True(pausedForSrm >= 6, $"only {pausedForSrm} of {Runs} canaries losing a fifth of their units paused for a sample-ratio mismatch");
    }

    private static async Task<(int PausedForSrm, int Promoted, int FailedLooks)> SimulateAsync(int runs, int loseCanaryOfEveryNthUnit)
    {
        var pausedForSrm = 0;
        var failedLooks = 0;
        var promoted = 0;
        for (var run = 0; run < runs; run++)
        {
            var fleet = new FleetHarness(3, seed: 1_000 + (run * 10), unitPrefix: $"r{run}-u");
            foreach (var replica in fleet.Replicas)
            {
                replica.LoseCanaryOfEveryNthUnit = loseCanaryOfEveryNthUnit;
            }

            await fleet.LoadAsync(RolloutPlan.Canary(TimeSpan.FromMinutes(2)));
            fleet.Lead(0);
            var random = new Random(run);
            for (var minute = 0; minute < 40 && !fleet.Replicas[0].View.State.IsTerminal && fleet.Replicas[0].View.State.Status != RolloutStatus.Paused; minute++)
            {
                foreach (var replica in fleet.Replicas)
                {
                    replica.ServeTraffic(700);
                }

                fleet.Clock.Advance(TimeSpan.FromMinutes(1));
                for (var i = 0; i < fleet.Replicas.Count; i++)
                {
                    if (i == 0 || random.NextDouble() < 0.4) // the decider's own rows are fresh; the others' arrive late
                    {
                        fleet.Fleets[i].Flush(fleet.Replicas[i].Manager);
                    }
                }

                failedLooks += (await fleet.Replicas[0].Manager.TickAsync()).Failures.Count;
                await fleet.SyncAllAsync();
            }

            var state = fleet.Replicas[0].View.State;
            pausedForSrm += state.PauseReason == RolloutReasons.JudgePrefix + JudgeReasons.SampleRatioMismatch ? 1 : 0;
            promoted += state.Status == RolloutStatus.Promoted ? 1 : 0;
        }

        return (pausedForSrm, promoted, failedLooks);
    }
}
