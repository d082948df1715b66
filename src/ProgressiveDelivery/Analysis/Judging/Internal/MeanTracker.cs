using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// A <see cref="MetricKind.Mean"/> metric: the asymptotic confidence sequence on the difference of the arms' means
/// (recorded scale; log units for <see cref="MetricTransform.Log"/>). Failure when it excludes zero in the bad direction,
/// non-inferiority when its bad-side bound lies inside the margin. State: count, mean and M2 per arm.
/// </summary>
internal sealed class MeanTracker : MetricTracker
{
    private readonly MeanConfidenceSequenceOptions _bounds;
    private long _baselineCount;
    private double _baselineMean;
    private double _baselineM2;
    private long _canaryCount;
    private double _canaryMean;
    private double _canaryM2;
    private long _look;

    public MeanTracker(MetricSettings settings, JudgeSettings judge)
        : base(settings)
    {
        _bounds = ConfidenceBounds.CreateOptions(settings, judge.MeanTuningSampleSize);
    }

    public override void Observe(ArmSummary baseline, ArmSummary canary, long look)
    {
        _look = look;
        var b = baseline.GetValues(Settings.Name);
        var c = canary.GetValues(Settings.Name);
        if (b.Count < _baselineCount || c.Count < _canaryCount)
        {
            throw new ArgumentException($"The cumulative value count of '{Settings.Name}' decreased since the previous look; pass cumulative summaries.");
        }

        (_baselineCount, _baselineMean, _baselineM2) = (b.Count, b.Mean, b.M2);
        (_canaryCount, _canaryMean, _canaryM2) = (c.Count, c.Mean, c.M2);
    }

    public override MetricEvidence Evaluate()
    {
        var settings = Settings;
        var bounds = ConfidenceBounds.Invalid;
        MetricResult result;
        string rule;
        string? message = null;
        var margin = settings.Margin(_baselineMean);
        if (_baselineCount == 0 || _canaryCount == 0)
        {
            (result, rule) = (MetricResult.NoData, MetricRules.NoData);
        }
        else if (!double.IsFinite(_baselineMean) || !double.IsFinite(_canaryMean) || !double.IsFinite(_baselineM2) || !double.IsFinite(_canaryM2))
        {
            (result, rule) = (MetricResult.Error, MetricRules.Error);
            message = "A non-finite value was recorded (for a log-transformed metric: a value that was not positive).";
        }
        else
        {
            bounds = ConfidenceBounds.MeanDifference(
                _baselineCount, _baselineMean, _baselineM2, _canaryCount, _canaryMean, _canaryM2, _bounds);
            (result, rule) = Classify(bounds, margin);
        }

        var effect = _canaryMean - _baselineMean;
        var relative = settings.Transform == MetricTransform.Log ? Math.Exp(effect) - 1 : BoundRules.Relative(_canaryMean, _baselineMean);
        var standardError = Math.Sqrt((Variance(_baselineM2, _baselineCount) / _baselineCount) + (Variance(_canaryM2, _canaryCount) / _canaryCount));
        return new MetricEvidence
        {
            Name = settings.Name,
            Kind = settings.Kind,
            Result = result,
            Rule = rule,
            Test = "mean_confidence_sequence",
            Statistic = effect / standardError,
            LowerBound = bounds.Lower,
            UpperBound = bounds.Upper,
            EffectAbsolute = effect,
            EffectRelative = relative,
            BaselineEstimate = _baselineCount > 0 ? _baselineMean : double.NaN,
            CanaryEstimate = _canaryCount > 0 ? _canaryMean : double.NaN,
            BaselineCount = _baselineCount,
            CanaryCount = _canaryCount,
            Alpha = settings.Alpha,
            Margin = margin,
            Critical = settings.Critical,
            Muted = settings.Muted,
            SignalOnly = settings.SignalOnly,
            Message = message ?? $"Difference of means {effect:G4} in [{bounds.Lower:G4}, {bounds.Upper:G4}] (confidence sequence); margin {margin:G4}.",
        };
    }

    protected override void WriteStateCore(Utf8JsonWriter writer)
    {
        writer.WriteNumber("baselineCount", _baselineCount);
        writer.WriteNumber("baselineMean", _baselineMean);
        writer.WriteNumber("baselineM2", _baselineM2);
        writer.WriteNumber("canaryCount", _canaryCount);
        writer.WriteNumber("canaryMean", _canaryMean);
        writer.WriteNumber("canaryM2", _canaryM2);
        writer.WriteNumber("look", _look);
    }

    protected override void ReadStateCore(JsonElement element)
    {
        _baselineCount = element.GetProperty("baselineCount").GetInt64();
        _baselineMean = element.GetProperty("baselineMean").GetDouble();
        _baselineM2 = element.GetProperty("baselineM2").GetDouble();
        _canaryCount = element.GetProperty("canaryCount").GetInt64();
        _canaryMean = element.GetProperty("canaryMean").GetDouble();
        _canaryM2 = element.GetProperty("canaryM2").GetDouble();
        _look = element.GetProperty("look").GetInt64();
    }

    private static double Variance(double m2, long count) => count > 1 ? m2 / (count - 1) : double.NaN;

    private (MetricResult Result, string Rule) Classify(ConfidenceBounds bounds, double margin)
    {
        var settings = Settings;
        if (FailedAtLook > 0)
        {
            return (FailedResult, MetricRules.ProvenWorse);
        }

        if (_baselineCount < settings.MinimumSample || _canaryCount < settings.MinimumSample)
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
