using System;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// The observations of one rollout attempt: the baseline arm (stable variant) and the canary arm, sharing one
/// <see cref="UnitSet"/> (a unit counts once per attempt, in the arm it was first seen in), with their error counters
/// and latency recorders fetched once so that recording is a few interlocked operations, allocation-free.
/// Replaced as a whole on retry.
/// </summary>
internal sealed class RolloutArms
{
    private readonly string _stableVariant;
    private readonly string _canaryVariant;
    private readonly EventCounter _baselineErrors;
    private readonly EventCounter _canaryErrors;
    private readonly ValueRecorder? _baselineLatency;
    private readonly ValueRecorder? _canaryLatency;
    private readonly bool _logLatency;

    /// <summary>Whether latency is recorded as its logarithm (a log-mean metric): summaries then hold log seconds.</summary>
    public bool RecordsLogLatency => _logLatency;

    public RolloutArms(RolloutDefinition definition, ArmSummary? baseline = null, ArmSummary? canary = null, UnitSet? units = null)
        : this(definition, baseline, canary, units ?? new UnitSet(), null, null)
    {
    }

    private RolloutArms(RolloutDefinition definition, ArmSummary? baseline, ArmSummary? canary, UnitSet units, UnitSet? baselineUnits, RolloutState? step)
    {
        Units = units;
        Baseline = new ArmObservations(baselineUnits ?? Units);
        Canary = new ArmObservations(baselineUnits is null ? Units : new UnitSet());
        if (step is not null)
        {
            (Attempt, Step, WeightBasisPoints) = (step.Attempt, step.StepIndex, step.WeightBasisPoints);
        }

        _stableVariant = definition.StableVariant;
        _canaryVariant = definition.CanaryVariant;
        if (baseline is not null)
        {
            Baseline.Add(baseline);
        }

        if (canary is not null)
        {
            Canary.Add(canary);
        }

        _baselineErrors = Baseline.GetCounter(RolloutMetrics.Errors);
        _canaryErrors = Canary.GetCounter(RolloutMetrics.Errors);
        foreach (var metric in definition.Judge.Metrics)
        {
            if (metric.Name == RolloutMetrics.Latency)
            {
                _baselineLatency ??= Baseline.GetValueRecorder(RolloutMetrics.Latency);
                _canaryLatency ??= Canary.GetValueRecorder(RolloutMetrics.Latency);
                if (metric.Kind == MetricKind.Quantile)
                {
                    // A unit-level quantile metric reads the per-cell histograms.
                    _baselineLatency.KeepUnitQuantiles();
                    _canaryLatency.KeepUnitQuantiles();
                }
                else
                {
                    _logLatency = metric.Transform == MetricTransform.Log;
                }
            }
        }
    }

    /// <summary>
    /// A replica's observations of one step in fleet mode: recorded under <paramref name="state"/>'s attempt, step and
    /// weight, each arm with a unit set of its own (the decider counts a unit once across replicas and steps by union).
    /// </summary>
    public static RolloutArms ForStep(RolloutDefinition definition, RolloutState state) =>
        new(definition, null, null, new UnitSet(), new UnitSet(), state);

    /// <summary>The attempt these observations belong to (fleet mode; 0 otherwise).</summary>
    public int Attempt { get; }

    /// <summary>The step index they were recorded under (fleet mode).</summary>
    public int Step { get; }

    /// <summary>The canary weight they were recorded under, in basis points (fleet mode).</summary>
    public int WeightBasisPoints { get; }

    /// <summary>Whether these are a step's observations in fleet mode (attempt known) with anything recorded.</summary>
    public bool HasData => Attempt > 0 && (Baseline.Exposures > 0 || Canary.Exposures > 0);

    /// <summary>Whether these are the observations of <paramref name="state"/>'s attempt, step and weight.</summary>
    public bool IsFor(RolloutState state) =>
        Attempt == state.Attempt && Step == state.StepIndex && WeightBasisPoints == state.WeightBasisPoints;

    public ArmObservations Baseline { get; }

    public ArmObservations Canary { get; }

    /// <summary>The units seen by either arm in this attempt.</summary>
    public UnitSet Units { get; }

    /// <summary>Records an outcome when the default split assigned the unit to one of the arms; never throws.</summary>
    public void Record(in FlagEvaluation evaluation, UnitKey unit, in RequestOutcome outcome)
    {
        // Only the rollout's random assignment is a fair comparison: not rule matches (targeted units), not errors.
        if (evaluation.Reason != EvaluationReason.Split || evaluation.RuleIndex != -1)
        {
            return;
        }

        var variant = evaluation.Variant;
        ArmObservations arm;
        EventCounter errors;
        ValueRecorder? latency;
        if (string.Equals(variant, _canaryVariant, StringComparison.Ordinal))
        {
            (arm, errors, latency) = (Canary, _canaryErrors, _canaryLatency);
        }
        else if (string.Equals(variant, _stableVariant, StringComparison.Ordinal))
        {
            (arm, errors, latency) = (Baseline, _baselineErrors, _baselineLatency);
        }
        else
        {
            return;
        }

        arm.RecordExposure(unit);
        if (outcome.Failed)
        {
            errors.Increment(unit);
        }

        if (latency is not null)
        {
            var duration = outcome.DurationSeconds;
            if (_logLatency)
            {
                if (duration > 0 && double.IsFinite(duration))
                {
                    latency.Record(Math.Log(duration), unit);
                }
            }
            else if (double.IsFinite(duration) && Math.Abs(duration) <= ValueRecorder.MaxMagnitude)
            {
                latency.Record(duration, unit);
            }
        }
    }
}
