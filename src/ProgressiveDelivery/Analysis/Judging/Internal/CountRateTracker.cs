using System;
using System.Collections.Generic;
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
/// <para>The arms are compared within each weight segment and the segments combined (<see cref="StratifiedEffect"/>), so
/// that an outage or a daily cycle shared by both arms is not read as a difference when the weight moves.
/// The log scale adds half an event to each arm (Haldane's correction) so that an arm without events has a finite
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
    private readonly Segments _segments = new();
    private long _baselineEvents;
    private long _canaryEvents;
    private long _baselineExposures;
    private long _canaryExposures;
    private bool _hasCells;
    private long _look;

    public CountRateTracker(MetricSettings settings, JudgeSettings judge)
        : base(settings)
    {
        _bounds = ConfidenceBounds.CreateOptions(settings, judge.MeanTuningSampleSize);
        _unit = judge.UnitOfAnalysis;
        _logScale = settings.ToleranceKind == ToleranceKind.Relative;
    }

    public override void Observe(ArmSummary baseline, ArmSummary canary, double canaryShare, long look)
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
        _hasCells = baseline.HasCells && canary.HasCells;
        if (SegmentData(baseline, canary) is { } data)
        {
            _segments.Observe(data[0], data[1], data[2], data[3], canaryShare);
        }
    }

    public override void ObserveSteps(IReadOnlyList<JudgeStep> steps)
    {
        var data = new List<(double[][] Data, double Share)>();
        foreach (var step in steps)
        {
            if (SegmentData(step.Baseline, step.Canary) is { } arrays)
            {
                data.Add((arrays, step.Share));
            }
        }

        _segments.SetSteps(data);
    }

    /// <summary>The arrays a segment holds (canary events, exposures, baseline events, exposures): per cell, or totals at request level.</summary>
    private double[][]? SegmentData(ArmSummary baseline, ArmSummary canary)
    {
        if (_unit != UnitOfAnalysis.Unit)
        {
            return [[canary.GetCount(Settings.Name)], [canary.Exposures], [baseline.GetCount(Settings.Name)], [baseline.Exposures]];
        }

        return baseline.HasCells && canary.HasCells
            ? [
                Segments.ToDoubles((canary.GetCountCells(Settings.Name) ?? UnitCells.EmptyCounts).Counts),
                Segments.ToDoubles(canary.ExposureCells!.Counts),
                Segments.ToDoubles((baseline.GetCountCells(Settings.Name) ?? UnitCells.EmptyCounts).Counts),
                Segments.ToDoubles(baseline.ExposureCells!.Counts),
            ]
            : null;
    }


    public override MetricEvidence Evaluate()
    {
        var settings = Settings;
        var baselineRate = _baselineExposures > 0 ? (double)_baselineEvents / _baselineExposures : double.NaN;
        var canaryRate = _canaryExposures > 0 ? (double)_canaryEvents / _canaryExposures : double.NaN;
        var margin = _logScale ? Math.Log(1 + settings.Tolerance) : settings.Tolerance;
        var noCells = _unit == UnitOfAnalysis.Unit && !_hasCells;
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
        _segments.WriteState(writer);
    }

    protected override void ReadStateCore(JsonElement element)
    {
        _baselineEvents = element.GetProperty("baselineEvents").GetInt64();
        _canaryEvents = element.GetProperty("canaryEvents").GetInt64();
        _baselineExposures = element.GetProperty("baselineExposures").GetInt64();
        _canaryExposures = element.GetProperty("canaryExposures").GetInt64();
        _look = element.GetProperty("look").GetInt64();
        _segments.ReadState(element);
    }

    private EffectBounds Compute() =>
        StratifiedEffect.Compute(_segments.All, counts: true, _logScale, cells: _unit == UnitOfAnalysis.Unit, 0, 0, _bounds);

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
