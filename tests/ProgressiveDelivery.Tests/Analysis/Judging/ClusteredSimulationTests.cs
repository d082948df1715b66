using System;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

/// <summary>
/// The fast subset of the units report (benchmarks/results/units-simulation.md has the 1000-run, 24-hour versions): the
/// default rollout judge by unit and by request on clustered traffic, seeded, with every bound derived from a binomial
/// tail so that a correct judge fails an assertion with probability below 0.1%.
/// </summary>
public sealed class ClusteredSimulationTests
{
    private const int Threads = 2;
    private const double Tail = 0.001;
    private const int Unit = 0;
    private const int Request = 1;

    [Fact]
    public void AaWithHeavyUsersAndFailingUnits200RunsOf8Hours_UnitJudgeHoldsAlphaWhileRequestJudgeFalselyPausesForSrm()
    {
        var scenario = ClusteredScenarios.FailingUnits(ClusteredScenarios.Units(480));
        var outcomes = ClusteredSimulator.RunMany(scenario, ClusteredScenarios.Judges, runs: 200, seed: 11_000, Threads);
        var runs = ClusteredRunOutcome.Runs(outcomes);

        var falseRollbacks = OutcomeStatistics.Count(runs, static o => o.Judges[Unit].RollbackMinute);
        var falsePauses = Count(outcomes, static o => o.AlertPauseMinutes[Unit]);
        var requestSrm = OutcomeStatistics.Count(runs, static o => o.Judges[Request].SrmPauseMinute);

        // At most 5% of runs may roll back (alpha 0.025 per metric, two metrics) and 1% pause: 21 and 8 of 200.
        Assert.InRange(falseRollbacks, 0, UpperBound(200, 0.05));
        Assert.InRange(falsePauses, 0, UpperBound(200, 0.01));

        // The request-level SRM test would pause at most 0.1% of runs if requests were independent (at most 3 of 200);
        // on clustered traffic the canary's share of requests follows which heavy users it got, and it pauses far more.
        Assert.True(requestSrm > 10 * UpperBound(200, 0.001), $"request-level SRM pauses: {requestSrm} of 200");
    }

    [Fact]
    public void ErrorsDoubledOnHeavyUsers60Runs_UnitJudgeRollsBackWithin4HoursInMostRuns()
    {
        var scenario = ClusteredScenarios.Units(240) with { Name = "errors x2", CanaryErrorFactor = 2, FixedHorizons = [240] };
        var outcomes = ClusteredSimulator.RunMany(scenario, ClusteredScenarios.Judges, runs: 60, seed: 12_000, Threads);
        var runs = ClusteredRunOutcome.Runs(outcomes);

        var rolledBack = OutcomeStatistics.Count(runs, static o => o.Judges[Unit].RollbackMinute, 240);
        var fixedHorizon = Count(outcomes, static o => o.FixedHorizonRejects(0) ? 1 : 0);

        // The report measures ~100% for both; a power of 90% would still give at least 46 of 60 except with probability < 0.1%.
        Assert.True(rolledBack >= LowerBound(60, 0.9), $"unit judge rolled back {rolledBack} of 60 within 4 h");
        Assert.True(fixedHorizon >= LowerBound(60, 0.9), $"fixed-horizon test rejected {fixedHorizon} of 60 at 4 h");
    }

    [Fact]
    public void CanaryDropping20PercentOfItsUnits40Runs_UnitJudgePausesForSrmWithin2Hours()
    {
        var scenario = ClusteredScenarios.DroppedUnits(120, 50_000);
        var outcomes = ClusteredSimulator.RunMany(scenario, ClusteredScenarios.Judges, runs: 40, seed: 13_000, Threads);
        var runs = ClusteredRunOutcome.Runs(outcomes);

        var paused = OutcomeStatistics.Count(runs, static o => o.Judges[Unit].SrmPauseMinute, 120);

        // The report measures ~100% within 2 h with 50,000 units; 95% would still give at least 33 of 40.
        Assert.True(paused >= LowerBound(40, 0.95), $"unit judge paused for SRM in {paused} of 40 runs within 2 h");
    }

    private static int Count(ClusteredRunOutcome[] outcomes, Func<ClusteredRunOutcome, int> minute)
    {
        var count = 0;
        foreach (var outcome in outcomes)
        {
            count += minute(outcome) > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The smallest k with P(Binomial(n, p) &gt; k) &lt;= <see cref="Tail"/>.</summary>
    private static int UpperBound(int n, double p)
    {
        double cumulative = 0;
        for (var k = 0; k <= n; k++)
        {
            cumulative += Probability(n, p, k);
            if (1 - cumulative <= Tail)
            {
                return k;
            }
        }

        return n;
    }

    /// <summary>The largest k with P(Binomial(n, p) &lt; k) &lt;= <see cref="Tail"/>.</summary>
    private static int LowerBound(int n, double p)
    {
        double cumulative = 0;
        for (var k = 0; k <= n; k++)
        {
            var next = cumulative + Probability(n, p, k);
            if (next > Tail)
            {
                return k;
            }

            cumulative = next;
        }

        return n;
    }

    private static double Probability(int n, double p, int k)
    {
        double logChoose = 0;
        for (var i = 1; i <= k; i++)
        {
            logChoose += Math.Log(n - k + i) - Math.Log(i);
        }

        return Math.Exp(logChoose + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p)));
    }
}
