using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Tests.Rollouts;

/// <summary>
/// A whole rollout in a test: flag <c>checkout</c> (variants <c>old</c>, <c>new</c>; units with <c>tier = beta</c> get
/// <c>new</c> by a rule), a real <see cref="FlagEvaluator"/>, a manual clock, a store and audit log, a
/// <see cref="RolloutManager"/>, and seeded traffic: each simulated minute, requests from random units of a fixed
/// population are evaluated, served, and recorded through <see cref="IOutcomeRecorder"/>; then the clock moves a minute
/// and the manager ticks.
/// </summary>
internal sealed class RolloutHarness
{
    public const string FlagKey = "checkout";
    public const string RolloutId = "checkout-v2";
    public const int Population = 20_000;

    private readonly EvaluationContext[] _units;
    private readonly Random _random;

    public RolloutHarness(RolloutStore? store = null, AuditLog? auditLog = null, FakeTimeProvider? clock = null, int seed = 1, RolloutFleet? fleet = null, string unitPrefix = "user-")
    {
        Clock = clock ?? new FakeTimeProvider();
        Evaluator = new FlagEvaluator(FlagSnapshot.Compile(CreateFlags()));
        Store = store ?? new InMemoryRolloutStore(Clock);
        AuditLog = auditLog ?? new InMemoryAuditLog(Clock);
        Manager = new RolloutManager(Evaluator, Store, AuditLog, new RolloutManagerOptions { TimeProvider = Clock, Fleet = fleet });
        _random = new Random(seed);
        _units = new EvaluationContext[Population];
        for (var i = 0; i < Population; i++)
        {
            _units[i] = i % 50 == 0
                ? new EvaluationContextBuilder(unitPrefix + i).Set("tier", "beta").Build()
                : EvaluationContext.ForUnit(unitPrefix + i);
        }
    }

    public FakeTimeProvider Clock { get; }

    public FlagEvaluator Evaluator { get; }

    public RolloutStore Store { get; }

    public AuditLog AuditLog { get; }

    public RolloutManager Manager { get; }

    public int RequestsPerMinute { get; set; } = 2000;

    public double StableErrorRate { get; set; } = 0.01;

    public double CanaryErrorRate { get; set; } = 0.01;

    public double StableLatencyLogMean { get; set; } = Math.Log(0.05);

    public double CanaryLatencyLogShift { get; set; }

    public int Minutes { get; private set; }

    /// <summary>Every this-many-th unit's canary requests are lost (never recorded): an assignment fault; 0 for none.</summary>
    public int LoseCanaryOfEveryNthUnit { get; set; }

    public RolloutView View => Manager.GetRollout(RolloutId)!;

    public static FlagSet CreateFlags(bool extraRule = false)
    {
        var builder = new FlagSetBuilder().Flag(FlagKey, flag =>
        {
            flag.Variants(("old", "v1"), ("new", "v2")).OffVariant("old").DefaultVariant("old")
                .Rule(rule => rule.Where("tier", ConditionOperator.In, "beta").Serve("new"));
            if (extraRule)
            {
                flag.Rule(rule => rule.Where("tier", ConditionOperator.In, "staff").Serve("old"));
            }
        });
        return builder.Build();
    }

    public static RolloutDefinition CreateDefinition(RolloutPlan plan, bool adaptive = false) => new()
    {
        Id = RolloutId,
        FlagKey = FlagKey,
        StableVariant = "old",
        CanaryVariant = "new",
        Plan = plan,
        Adaptive = adaptive,
    };

    public async Task LoadAsync(RolloutDefinition definition)
    {
        var set = new RolloutSet();
        set.Rollouts.Add(definition);
        var errors = await Manager.LoadAsync(set);
        Assert.Empty(errors);
    }

    /// <summary>Serves one minute of traffic, moves the clock a minute and ticks.</summary>
    public async Task<RolloutTickReport> RunMinuteAsync()
    {
        ServeTraffic(RequestsPerMinute);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Minutes++;
        var report = await Manager.TickAsync();
        Assert.Empty(report.Failures);
        return report;
    }

    /// <summary>Runs minutes until the rollout ends or <paramref name="maxMinutes"/> pass; returns the minutes run.</summary>
    public async Task<int> RunUntilEndAsync(int maxMinutes)
    {
        var start = Minutes;
        while (Minutes - start < maxMinutes && !View.State.IsTerminal && View.State.Status != RolloutStatus.Paused)
        {
            await RunMinuteAsync();
        }

        return Minutes - start;
    }

    public void ServeTraffic(int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            var index = _random.Next(Population);
            var unit = _units[index];
            var evaluation = Evaluator.Evaluate(FlagKey, unit);
            var canary = evaluation.Variant == "new";
            if (canary && LoseCanaryOfEveryNthUnit > 0 && index % LoseCanaryOfEveryNthUnit == 1)
            {
                continue;
            }

            var failed = _random.NextDouble() < (canary ? CanaryErrorRate : StableErrorRate);
            var logLatency = StableLatencyLogMean + (canary ? CanaryLatencyLogShift : 0) + (0.5 * SimulationRandom.Normal(_random));
            Manager.Record(in evaluation, UnitKey.FromId(unit.TargetingKey), new RequestOutcome(failed, Math.Exp(logLatency)));
        }
    }

    /// <summary>The share of the population (rule-targeted units excluded) served the canary now.</summary>
    public double CanaryShareOfPopulation()
    {
        int canary = 0, counted = 0;
        for (var i = 0; i < Population; i++)
        {
            if (i % 50 == 0)
            {
                continue;
            }

            counted++;
            if (Evaluator.Evaluate(FlagKey, _units[i]).Variant == "new")
            {
                canary++;
            }
        }

        return (double)canary / counted;
    }

    public bool IsOnCanary(int unit) => Evaluator.Evaluate(FlagKey, _units[unit]).Variant == "new";
}
