using System;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// The clustered scenarios of the units report (benchmarks/results/units-simulation.md) and of the fast clustered tests,
/// parameterised by length, and the two judges they compare: the default rollout judge by unit and by request.
/// </summary>
internal static class ClusteredScenarios
{
    /// <summary>The fixed-horizon test's minutes in the error regressions: 4 h and 8 h.</summary>
    public static readonly int[] ErrorHorizons = [240, 480];

    /// <summary>The default rollout judge (<see cref="RolloutMetrics.CreateDefaultJudgeOptions"/>) by unit, then the same by request.</summary>
    public static Func<JudgeOptions>[] Judges { get; } =
    [
        RolloutMetrics.CreateDefaultJudgeOptions,
        static () =>
        {
            var options = RolloutMetrics.CreateDefaultJudgeOptions();
            options.UnitOfAnalysis = UnitOfAnalysis.Request;
            return options;
        },
    ];

    /// <summary>i.i.d. requests (every request a new unit), 10% canary of 1,000 req/min, 0.5% errors.</summary>
    public static ClusteredScenario Iid(int minutes) => new() { Name = "i.i.d. requests", Minutes = minutes, Units = 0 };

    /// <summary>5,000 units (or <paramref name="units"/>) with lognormal activity of log-sd <paramref name="activityLogSd"/>, otherwise as <see cref="Iid"/>.</summary>
    public static ClusteredScenario Units(int minutes, double activityLogSd = 1, int units = 5000) => new()
    {
        Name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{units:N0} units, activity log-sd {activityLogSd}"),
        Minutes = minutes,
        Units = units,
        ActivityLogSd = activityLogSd,
    };

    /// <summary>The A/A scenarios of the report, in its order.</summary>
    public static ClusteredScenario[] AaScenarios(int minutes)
    {
        var units = Units(minutes);
        return
        [
            Iid(minutes),
            units,
            Units(minutes, 1.5),
            FailingUnits(units),
            units with { Name = units.Name + ", latency offsets log-sd 0.5", UnitLatencyLogSd = 0.5 },
            units with { Name = units.Name + ", diurnal x4", Diurnal = true },
            units with { Name = units.Name + ", 10-min outage at hour 3", OutageStartMinute = 181 },
            Units(minutes, 1, 50_000),
            Everything(minutes),
            SteppedWeights(minutes),
            CanaryPresetWithOutage(minutes),
            LatencyTraffic(units) with { Name = units.Name + ", offsets log-sd 0.5, 200 req/min at 50%", UnitLatencyLogSd = 0.5 },
        ];
    }

    /// <summary>1% of the units fail 20% of their requests in both arms.</summary>
    public static ClusteredScenario FailingUnits(ClusteredScenario scenario) =>
        scenario with { Name = scenario.Name + ", 1% failing units", FailingUnitShare = 0.01 };

    /// <summary>Log-sd 1 activity, 1% failing units, latency offsets log-sd 0.5, diurnal traffic and an outage at hour 3.</summary>
    public static ClusteredScenario Everything(int minutes) => Units(minutes) with
    {
        Name = "everything: 5,000 units, log-sd 1, 1% failing, offsets 0.5, diurnal, outage",
        FailingUnitShare = 0.01,
        UnitLatencyLogSd = 0.5,
        Diurnal = true,
        OutageStartMinute = 181,
    };

    /// <summary>5,000 units, log-sd 1, while the weight steps 5% -> 10% (minute 61) -> 25% (181) -> 50% (361).</summary>
    public static ClusteredScenario SteppedWeights(int minutes) => Units(minutes) with
    {
        Name = "5,000 units, log-sd 1, weight 5->10->25->50%",
        CanaryShare = 0.05,
        ShareSteps = [(61, 0.10), (181, 0.25), (361, 0.50)],
    };

    /// <summary>
    /// The canary preset's weights, an hour each (1% -> 5% -> 10% -> 25% -> 50%), everything of <see cref="Everything"/>
    /// and the outage at hour 3, in the 25% step: a shared shock while the weight moves, which a comparison of cumulative
    /// arms reads as a canary regression (the canary's data come more from later periods than the baseline's).
    /// </summary>
    public static ClusteredScenario CanaryPresetWithOutage(int minutes) => Everything(minutes) with
    {
        Name = "everything, weight 1->5->10->25->50% hourly (outage at 25%)",
        CanaryShare = 0.01,
        ShareSteps = [(61, 0.05), (121, 0.10), (181, 0.25), (241, 0.50)],
    };

    /// <summary>Canary errors x2 (ordinary units' 0.5% -> 1.0%; failing units stay at 20%), with the fixed-horizon test at 4 h and 8 h.</summary>
    public static ClusteredScenario ErrorsDoubled(ClusteredScenario scenario) =>
        scenario with { Name = scenario.Name + ", errors x2", CanaryErrorFactor = 2, FixedHorizons = ErrorHorizons };

    /// <summary>The error regression scenarios of the report, in its order.</summary>
    public static ClusteredScenario[] ErrorScenarios(int minutes) =>
    [
        ErrorsDoubled(Iid(minutes)),
        ErrorsDoubled(FailingUnits(Units(minutes))),
        ErrorsDoubled(Units(minutes)),
        ErrorsDoubled(FailingUnits(Units(minutes, 1.5))),
    ];

    /// <summary>100 req/min per arm: 200 req/min at a 50% canary.</summary>
    public static ClusteredScenario LatencyTraffic(ClusteredScenario scenario) =>
        scenario with { RequestsPerMinute = 200, CanaryShare = 0.5 };

    /// <summary>Canary latency +10% at 100 req/min per arm.</summary>
    public static ClusteredScenario LatencySlower(ClusteredScenario scenario) =>
        LatencyTraffic(scenario) with { Name = scenario.Name + ", latency +10%, 100 req/min per arm", CanaryLatencyFactor = 1.1 };

    /// <summary>The latency regression scenarios of the report: i.i.d., and 5,000 units with log-sd 1 activity and offsets log-sd 0.5.</summary>
    public static ClusteredScenario[] LatencyScenarios(int minutes) =>
    [
        LatencySlower(Iid(minutes)),
        LatencySlower(Units(minutes) with { Name = Units(minutes).Name + ", offsets log-sd 0.5", UnitLatencyLogSd = 0.5 }),
    ];

    /// <summary>A canary that never records the outcomes of 20% of its units (10% canary, log-sd 1 activity).</summary>
    public static ClusteredScenario DroppedUnits(int minutes, int units) => Units(minutes, 1, units) with
    {
        Name = Units(minutes, 1, units).Name + ", canary drops 20% of its units",
        DroppedCanaryUnitShare = 0.2,
        SrmHorizon = Math.Min(120, minutes),
    };
}
