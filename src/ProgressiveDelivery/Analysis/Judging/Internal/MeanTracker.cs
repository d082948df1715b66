using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// A <see cref="MetricKind.Mean"/> metric: the difference of the arms' means on the recorded scale (for
/// <see cref="MetricTransform.Log"/>, the log of the ratio of geometric means), bounded by one anytime-valid confidence
/// sequence (<see cref="EffectBounds"/>) that decides both failure and non-inferiority.
/// </summary>
/// <remarks>
/// <see cref="UnitOfAnalysis.Unit"/>: each arm's mean is a ratio of per-cell sums (sum of values over values) with its
/// cluster-robust delta-method variance, so one slow user's many requests weigh as one unit's evidence.
/// <see cref="UnitOfAnalysis.Request"/>: Welch's variance <c>s²/n</c> per arm, each value independent.
/// Either way the arms are compared within each weight segment and the segments combined (<see cref="StratifiedEffect"/>).
/// </remarks>
internal sealed class MeanTracker : MetricTracker
{
    private readonly MeanConfidenceSequenceOptions _bounds;
    private readonly UnitOfAnalysis _unit;
    private ValueSummary _baseline = ValueSummary.Empty;
    private ValueSummary _canary = ValueSummary.Empty;
    private readonly Segments _segments = new();
    private long _look;

    public MeanTracker(MetricSettings settings, JudgeSettings judge)
        : base(settings)
    {
        _bounds = ConfidenceBounds.CreateOptions(settings, judge.MeanTuningSampleSize);
        _unit = judge.UnitOfAnalysis;
    }

    public override void Observe(ArmSummary baseline, ArmSummary canary, double canaryShare, long look)
    {
        _look = look;
        var b = baseline.GetValues(Settings.Name);
        var c = canary.GetValues(Settings.Name);
        if (b.Count < _baseline.Count || c.Count < _canary.Count)
        {
            throw new ArgumentException($"The cumulative value count of '{Settings.Name}' decreased since the previous look; pass cumulative summaries.");
        }

        (_baseline, _canary) = (b, c);
        if (SegmentData(b, c) is { } data)
        {
            _segments.Observe(data[0], data[1], data[2], data[3], canaryShare);
        }
    }

    public override void ObserveSteps(IReadOnlyList<JudgeStep> steps)
    {
        var data = new List<(double[][] Data, double Share)>();
        foreach (var step in steps)
        {
            if (SegmentData(step.Baseline.GetValues(Settings.Name), step.Canary.GetValues(Settings.Name)) is { } arrays)
            {
                data.Add((arrays, step.Share));
            }
        }

        _segments.SetSteps(data);
    }

    /// <summary>The arrays a segment holds (canary sums, counts, baseline sums, counts): per cell, or totals at request level.</summary>
    private double[][]? SegmentData(ValueSummary b, ValueSummary c)
    {
        if (_unit != UnitOfAnalysis.Unit)
        {
            return [[c.Count * c.Mean], [c.Count], [b.Count * b.Mean], [b.Count]];
        }

        return b.Cells is not null && c.Cells is not null
            ? [c.Cells.Sums.ToArray(), Segments.ToDoubles(c.Cells.Counts), b.Cells.Sums.ToArray(), Segments.ToDoubles(b.Cells.Counts)]
            : null;
    }


    public override MetricEvidence Evaluate()
    {
        var settings = Settings;
        var (b, c) = (_baseline, _canary);
        var bounds = EffectBounds.Invalid(double.NaN);
        MetricResult result;
        string rule;
        string? message = null;
        var margin = settings.Margin(b.Mean);
        if (b.Count == 0 || c.Count == 0)
        {
            (result, rule) = (MetricResult.NoData, MetricRules.NoData);
        }
        else if (!double.IsFinite(b.Mean) || !double.IsFinite(c.Mean) || !double.IsFinite(b.M2) || !double.IsFinite(c.M2))
        {
            (result, rule) = (MetricResult.Error, MetricRules.Error);
            message = "A non-finite value was recorded (for a log-transformed metric: a value that was not positive).";
        }
        else if (_unit == UnitOfAnalysis.Unit && (b.Cells is null || c.Cells is null))
        {
            (result, rule) = (MetricResult.Error, MetricRules.Error);
            message = "The value summaries were not recorded per unit; record with the unit, or judge with UnitOfAnalysis.Request.";
        }
        else
        {
            bounds = Compute(b, c);
            (result, rule) = Classify(bounds, margin);
        }

        var logScale = settings.Transform == MetricTransform.Log;
        var effect = c.Mean - b.Mean;
        return new MetricEvidence
        {
            Name = settings.Name,
            Kind = settings.Kind,
            Result = result,
            Rule = rule,
            Test = _unit == UnitOfAnalysis.Unit ? "unit_mean_confidence_sequence" : "request_mean_confidence_sequence",
            Scale = logScale ? EffectScales.LogRatio : EffectScales.Difference,
            UnitOfAnalysis = _unit,
            Statistic = bounds.Estimate / Math.Sqrt(bounds.Variance),
            PValue = bounds.PValue(_bounds),
            LowerBound = bounds.Lower,
            UpperBound = bounds.Upper,
            EffectAbsolute = effect,
            EffectRelative = logScale ? Math.Exp(effect) - 1 : BoundRules.Relative(c.Mean, b.Mean),
            BaselineEstimate = b.Count > 0 ? b.Mean : double.NaN,
            CanaryEstimate = c.Count > 0 ? c.Mean : double.NaN,
            BaselineCount = b.Count,
            CanaryCount = c.Count,
            EffectiveCount = bounds.EffectiveCount,
            Alpha = settings.Alpha,
            Margin = margin,
            Critical = settings.Critical,
            Muted = settings.Muted,
            SignalOnly = settings.SignalOnly,
            Message = message ?? EvidenceText.Describe(c.Count + " canary / " + b.Count + " baseline values", logScale, bounds, margin),
        };
    }

    protected override void WriteStateCore(Utf8JsonWriter writer)
    {
        writer.WriteNumber("baselineCount", _baseline.Count);
        writer.WriteNumber("canaryCount", _canary.Count);
        writer.WriteNumber("look", _look);
        _segments.WriteState(writer);
    }

    protected override void ReadStateCore(JsonElement element)
    {
        // The counts seen so far, so that a restored judge still rejects summaries that went backwards; the moments come
        // with the next look's summaries.
        _baseline = Placeholder(element.GetProperty("baselineCount").GetInt64());
        _canary = Placeholder(element.GetProperty("canaryCount").GetInt64());
        _look = element.GetProperty("look").GetInt64();
        _segments.ReadState(element);
    }

    private static ValueSummary Placeholder(long count) => count == 0 ? ValueSummary.Empty : new ValueSummary(count, 0, 0, double.NaN, double.NaN);

    private EffectBounds Compute(ValueSummary b, ValueSummary c) =>
        b.Count < 2 || c.Count < 2
            ? EffectBounds.Invalid(c.Mean - b.Mean)
            : StratifiedEffect.Compute(_segments.All, counts: false, logScale: false, cells: _unit == UnitOfAnalysis.Unit, c.M2 / (c.Count - 1), b.M2 / (b.Count - 1), _bounds);

    private (MetricResult Result, string Rule) Classify(EffectBounds bounds, double margin)
    {
        var settings = Settings;
        if (FailedAtLook > 0)
        {
            return (FailedResult, MetricRules.ProvenWorse);
        }

        if (_baseline.Count < settings.MinimumSample || _canary.Count < settings.MinimumSample || double.IsNaN(bounds.Lower))
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
