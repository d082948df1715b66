using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// A <see cref="MetricKind.CountRate"/> metric: events per exposure in each arm, compared by one anytime-valid
/// confidence sequence (<see cref="EffectBounds"/>) on the scale of the metric's tolerance: the log rate ratio for a
/// relative tolerance, the rate difference for an absolute one. Failure when the bound on the good side clears zero in
/// the bad direction, non-inferiority when the bound on the bad side lies inside the margin; both read the same bounds,
/// which the evidence shows.
/// </summary>
/// <remarks>
/// <para>Unit of analysis <see cref="UnitOfAnalysis.Unit"/>: each arm's rate is a ratio of per-cell sums (events over
/// exposures) with its cluster-robust delta-method variance (<see cref="ClusterRatio"/>), so a unit that always fails
/// counts as one unit, not as many independent failures. <see cref="UnitOfAnalysis.Request"/>: binomial variance, each
/// request independent.</para>
/// <para>The log scale adds half an event to each arm (Haldane's correction) so that an arm without events has a finite
/// rate. Nothing decides before each arm expects <see cref="MinimumExpectedEvents"/> events at the pooled rate, where
/// the normal approximation behind the bounds starts to hold.</para>
/// </remarks>
internal sealed class CountRateTracker : MetricTracker
{
    /// <summary>The events each arm must expect at the pooled rate before the metric may pass or fail.</summary>
    public const double MinimumExpectedEvents = 10;

    private readonly MeanConfidenceSequenceOptions _bounds;
    private readonly UnitOfAnalysis _unit;
    private readonly bool _logScale;
    private long _baselineEvents;
    private long _canaryEvents;
    private long _baselineExposures;
    private long _canaryExposures;
    private UnitCells? _baselineEventCells;
    private UnitCells? _canaryEventCells;
    private UnitCells? _baselineExposureCells;
    private UnitCells? _canaryExposureCells;
    private long _look;

    public CountRateTracker(MetricSettings settings, JudgeSettings judge)
        : base(settings)
    {
        _bounds = ConfidenceBounds.CreateOptions(settings, judge.MeanTuningSampleSize);
        _unit = judge.UnitOfAnalysis;
        _logScale = settings.ToleranceKind == ToleranceKind.Relative;
    }

    public override void Observe(ArmSummary baseline, ArmSummary canary, long look)
    {
        _look = look;
        var baselineEvents = baseline.GetCount(Settings.Name);
        var canaryEvents = canary.GetCount(Settings.Name);
        if (baselineEvents < _baselineEvents || canaryEvents < _canaryEvents
            || baseline.Exposures < _baselineExposures || canary.Exposures < _canaryExposures)
        {
            throw new ArgumentException($"The cumulative count of '{Settings.Name}' or the exposures decreased since the previous look; pass cumulative summaries.");
        }

        (_baselineEvents, _canaryEvents) = (baselineEvents, canaryEvents);
        (_baselineExposures, _canaryExposures) = (baseline.Exposures, canary.Exposures);
        (_baselineEventCells, _baselineExposureCells) = (baseline.GetCountCells(Settings.Name), baseline.ExposureCells);
        (_canaryEventCells, _canaryExposureCells) = (canary.GetCountCells(Settings.Name), canary.ExposureCells);
    }

    public override MetricEvidence Evaluate()
    {
        var settings = Settings;
        var baselineRate = _baselineExposures > 0 ? (double)_baselineEvents / _baselineExposures : double.NaN;
        var canaryRate = _canaryExposures > 0 ? (double)_canaryEvents / _canaryExposures : double.NaN;
        var margin = _logScale ? Math.Log(1 + settings.Tolerance) : settings.Tolerance;
        var noCells = _unit == UnitOfAnalysis.Unit && (_baselineExposureCells is null || _canaryExposureCells is null);
        var bounds = noCells || _baselineExposures == 0 || _canaryExposures == 0 ? EffectBounds.Invalid(double.NaN) : Compute();
        var (result, rule) = noCells && _baselineExposures > 0 && _canaryExposures > 0
            ? (MetricResult.Error, MetricRules.Error)
            : Classify(bounds, margin);
        return new MetricEvidence
        {
            Name = settings.Name,
            Kind = settings.Kind,
            Result = result,
            Rule = rule,
            Test = _unit == UnitOfAnalysis.Unit ? "unit_rate_confidence_sequence" : "request_rate_confidence_sequence",
            Scale = _logScale ? EffectScales.LogRatio : EffectScales.Difference,
            UnitOfAnalysis = _unit,
            Statistic = bounds.Estimate / Math.Sqrt(bounds.Variance),
            PValue = bounds.PValue(_bounds),
            LowerBound = bounds.Lower,
            UpperBound = bounds.Upper,
            EffectAbsolute = canaryRate - baselineRate,
            EffectRelative = BoundRules.Relative(canaryRate, baselineRate),
            BaselineEstimate = baselineRate,
            CanaryEstimate = canaryRate,
            BaselineCount = _baselineExposures,
            CanaryCount = _canaryExposures,
            EffectiveCount = bounds.EffectiveCount,
            Alpha = settings.Alpha,
            Margin = margin,
            Critical = settings.Critical,
            Muted = settings.Muted,
            SignalOnly = settings.SignalOnly,
            Message = noCells
                ? "The summaries were not recorded per unit; record with the unit, or judge with UnitOfAnalysis.Request."
                : EvidenceText.Describe(_canaryEvents + " canary / " + _baselineEvents + " baseline events", _logScale, bounds, margin),
        };
    }

    protected override void WriteStateCore(Utf8JsonWriter writer)
    {
        writer.WriteNumber("baselineEvents", _baselineEvents);
        writer.WriteNumber("canaryEvents", _canaryEvents);
        writer.WriteNumber("baselineExposures", _baselineExposures);
        writer.WriteNumber("canaryExposures", _canaryExposures);
        writer.WriteNumber("look", _look);
    }

    protected override void ReadStateCore(JsonElement element)
    {
        _baselineEvents = element.GetProperty("baselineEvents").GetInt64();
        _canaryEvents = element.GetProperty("canaryEvents").GetInt64();
        _baselineExposures = element.GetProperty("baselineExposures").GetInt64();
        _canaryExposures = element.GetProperty("canaryExposures").GetInt64();
        _look = element.GetProperty("look").GetInt64();
    }

    private EffectBounds Compute()
    {
        double baselineRate, canaryRate, baselineVariance, canaryVariance;
        if (_unit == UnitOfAnalysis.Unit)
        {
            var b = ClusterRatio.Of(_baselineEventCells!.Counts, _baselineExposureCells!.Counts);
            var c = ClusterRatio.Of(_canaryEventCells!.Counts, _canaryExposureCells!.Counts);
            (baselineRate, baselineVariance) = (b.Estimate, b.Variance);
            (canaryRate, canaryVariance) = (c.Estimate, c.Variance);
        }
        else
        {
            baselineRate = (double)_baselineEvents / _baselineExposures;
            canaryRate = (double)_canaryEvents / _canaryExposures;
            baselineVariance = baselineRate * (1 - baselineRate) / _baselineExposures;
            canaryVariance = canaryRate * (1 - canaryRate) / _canaryExposures;
        }

        // Neither arm's variance may fall below what the pooled rate implies for independent requests: an arm without
        // events yet (variance 0) must not make the bounds overconfident.
        var pooled = (double)(_baselineEvents + _canaryEvents) / (_baselineExposures + _canaryExposures);
        var baselineIid = pooled * (1 - pooled) / _baselineExposures;
        var canaryIid = pooled * (1 - pooled) / _canaryExposures;
        baselineVariance = Math.Max(baselineVariance, baselineIid);
        canaryVariance = Math.Max(canaryVariance, canaryIid);
        var count = (double)(_baselineExposures + _canaryExposures);
        if (!_logScale)
        {
            return EffectBounds.Compute(canaryRate - baselineRate, baselineVariance + canaryVariance, baselineIid + canaryIid, count, _bounds);
        }

        // Log scale with half an event added to each arm; the delta method divides each variance by the rate squared,
        // taken no lower than the pooled rate: an arm with fewer events than the pooled rate (none, at worst) then has
        // the variance it has under no difference, 1 / (expected events), not one that grows without bound.
        var b0 = (_baselineEvents + 0.5) / _baselineExposures;
        var c0 = (_canaryEvents + 0.5) / _canaryExposures;
        var bScale = Math.Max(b0, pooled);
        var cScale = Math.Max(c0, pooled);
        var (bFactor, cFactor) = (1 / (bScale * bScale), 1 / (cScale * cScale));
        var variance = (baselineVariance * bFactor) + (canaryVariance * cFactor);
        var iid = (baselineIid * bFactor) + (canaryIid * cFactor);
        return EffectBounds.Compute(Math.Log(c0 / b0), variance, iid, count, _bounds);
    }

    private (MetricResult Result, string Rule) Classify(EffectBounds bounds, double margin)
    {
        var settings = Settings;
        if (_baselineExposures == 0 || _canaryExposures == 0)
        {
            return (MetricResult.NoData, MetricRules.NoData);
        }

        if (FailedAtLook > 0)
        {
            return (FailedResult, MetricRules.ProvenWorse);
        }

        var pooled = (double)(_baselineEvents + _canaryEvents) / (_baselineExposures + _canaryExposures);
        if (_baselineExposures < settings.MinimumSample || _canaryExposures < settings.MinimumSample
            || Math.Min(_baselineExposures, _canaryExposures) * pooled < MinimumExpectedEvents
            || double.IsNaN(bounds.Lower))
        {
            return (MetricResult.Inconclusive, MetricRules.MinimumSample);
        }

        var failure = BoundRules.Failure(settings.Direction, bounds.Lower, bounds.Upper);
        if (failure != MetricResult.Inconclusive)
        {
            FailedAtLook = _look;
            FailedResult = failure;
            return (failure, MetricRules.ProvenWorse);
        }

        return BoundRules.NonInferior(settings.Direction, bounds.Lower, bounds.Upper, margin)
            ? (MetricResult.Pass, MetricRules.ProvenNonInferior)
            : (MetricResult.Inconclusive, MetricRules.Undecided);
    }
}
