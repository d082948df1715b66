using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// A <see cref="MetricKind.CountRate"/> metric. Failure: the sequential count Bayes factor (events of each look interval,
/// conditioned on their number, against the canary's share of that interval's exposures) rejects equal rates in the
/// bad direction. Non-inferiority: the mean confidence sequence on the per-exposure event indicator (a Bernoulli mean
/// with variance <c>p(1 - p)</c>) bounds the rate difference inside the margin.
/// </summary>
internal sealed class CountRateTracker : MetricTracker
{
    /// <summary>The events each arm must expect at the pooled rate before the rate bounds may prove non-inferiority.</summary>
    public const double MinimumExpectedEvents = 10;

    private readonly MeanConfidenceSequenceOptions _bounds;
    private SequentialCountTest _test;
    private long _baselineEvents;
    private long _canaryEvents;
    private long _baselineExposures;
    private long _canaryExposures;
    private long _look;

    public CountRateTracker(MetricSettings settings, JudgeSettings judge)
        : base(settings)
    {
        _bounds = ConfidenceBounds.CreateOptions(settings, judge.MeanTuningSampleSize);
        _test = CreateTest(settings, judge);
    }

    public override void Observe(ArmSummary baseline, ArmSummary canary, long look)
    {
        _look = look;
        var baselineEvents = baseline.GetCount(Settings.Name);
        var canaryEvents = canary.GetCount(Settings.Name);
        var baselineDelta = baselineEvents - _baselineEvents;
        var canaryDelta = canaryEvents - _canaryEvents;
        var baselineExposureDelta = baseline.Exposures - _baselineExposures;
        var canaryExposureDelta = canary.Exposures - _canaryExposures;
        if (baselineDelta < 0 || canaryDelta < 0)
        {
            throw new ArgumentException($"The cumulative count of '{Settings.Name}' decreased since the previous look; pass cumulative summaries.");
        }

        _baselineEvents = baselineEvents;
        _canaryEvents = canaryEvents;
        _baselineExposures = baseline.Exposures;
        _canaryExposures = canary.Exposures;
        var exposures = baselineExposureDelta + canaryExposureDelta;
        if (baselineDelta + canaryDelta == 0 || exposures <= 0)
        {
            // No event carries no evidence; events without exposures (counters read before exposures) wait for the
            // next interval, whose exposures will include them, by not advancing the event baselines.
            if (exposures <= 0)
            {
                _baselineEvents -= baselineDelta;
                _canaryEvents -= canaryDelta;
            }

            return;
        }

        var share = (double)canaryExposureDelta / exposures;
        if ((share == 0 && canaryDelta > 0) || (share == 1 && baselineDelta > 0))
        {
            _baselineEvents -= baselineDelta;
            _canaryEvents -= canaryDelta;
            return;
        }

        _test.Update(canaryDelta, baselineDelta, share);
    }

    public override MetricEvidence Evaluate()
    {
        var settings = Settings;
        var baselineRate = _baselineExposures > 0 ? (double)_baselineEvents / _baselineExposures : double.NaN;
        var canaryRate = _canaryExposures > 0 ? (double)_canaryEvents / _canaryExposures : double.NaN;
        var bounds = ConfidenceBounds.RateDifference(_baselineExposures, _baselineEvents, _canaryExposures, _canaryEvents, _bounds);
        var margin = settings.Margin(baselineRate);
        var (result, rule) = Classify(bounds, margin);
        return new MetricEvidence
        {
            Name = settings.Name,
            Kind = settings.Kind,
            Result = result,
            Rule = rule,
            Test = "sequential_count_bayes_factor",
            Statistic = _test.LogBayesFactor,
            PValue = _test.PValue,
            LowerBound = bounds.Lower,
            UpperBound = bounds.Upper,
            EffectAbsolute = canaryRate - baselineRate,
            EffectRelative = BoundRules.Relative(canaryRate, baselineRate),
            BaselineEstimate = baselineRate,
            CanaryEstimate = canaryRate,
            BaselineCount = _baselineExposures,
            CanaryCount = _canaryExposures,
            Alpha = settings.Alpha,
            Margin = margin,
            Critical = settings.Critical,
            Muted = settings.Muted,
            SignalOnly = settings.SignalOnly,
            Message = $"{_canaryEvents} canary / {_baselineEvents} baseline events; rate ratio {_test.RateRatio:G4}; anytime p = {_test.PValue:G3}.",
        };
    }

    protected override void WriteStateCore(Utf8JsonWriter writer)
    {
        writer.WriteNumber("baselineEvents", _baselineEvents);
        writer.WriteNumber("canaryEvents", _canaryEvents);
        writer.WriteNumber("baselineExposures", _baselineExposures);
        writer.WriteNumber("canaryExposures", _canaryExposures);
        writer.WriteNumber("look", _look);
        writer.WritePropertyName("test");
        _test.WriteTo(writer);
    }

    protected override void ReadStateCore(JsonElement element)
    {
        _baselineEvents = element.GetProperty("baselineEvents").GetInt64();
        _canaryEvents = element.GetProperty("canaryEvents").GetInt64();
        _baselineExposures = element.GetProperty("baselineExposures").GetInt64();
        _canaryExposures = element.GetProperty("canaryExposures").GetInt64();
        _look = element.GetProperty("look").GetInt64();
        _test = SequentialCountTest.ReadFrom(element.GetProperty("test"));
    }

    private static SequentialCountTest CreateTest(MetricSettings settings, JudgeSettings judge) => new(new SequentialCountTestOptions
    {
        Concentration = judge.CountPriorConcentration,
        OneSided = settings.Direction != MetricDirection.Either,
        HigherIsWorse = settings.Direction != MetricDirection.Decrease,
    });

    private (MetricResult Result, string Rule) Classify(ConfidenceBounds bounds, double margin)
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

        if (_baselineExposures < settings.MinimumSample || _canaryExposures < settings.MinimumSample)
        {
            return (MetricResult.Inconclusive, MetricRules.MinimumSample);
        }

        if (_test.Rejects(settings.Alpha))
        {
            FailedAtLook = _look;
            FailedResult = settings.Direction switch
            {
                MetricDirection.Increase => MetricResult.FailHigher,
                MetricDirection.Decrease => MetricResult.FailLower,
                _ => _test.RateRatio >= 1 ? MetricResult.FailHigher : MetricResult.FailLower,
            };
            return (FailedResult, MetricRules.ProvenWorse);
        }

        // The rate bounds rest on the central limit theorem: they are consulted only once each arm expects
        // MinimumExpectedEvents events at the pooled rate.
        var pooled = (double)(_baselineEvents + _canaryEvents) / (_baselineExposures + _canaryExposures);
        if (Math.Min(_baselineExposures, _canaryExposures) * pooled < MinimumExpectedEvents)
        {
            return (MetricResult.Inconclusive, MetricRules.MinimumSample);
        }

        return BoundRules.NonInferior(settings.Direction, bounds.Lower, bounds.Upper, margin)
            ? (MetricResult.Pass, MetricRules.ProvenNonInferior)
            : (MetricResult.Inconclusive, MetricRules.Undecided);
    }
}
