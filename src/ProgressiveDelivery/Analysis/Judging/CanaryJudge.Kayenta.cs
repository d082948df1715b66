using System;
using ProgressiveDelivery.Analysis.Judging.Internal;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The Kayenta-compatible mode of <see cref="CanaryJudge"/>.</summary>
public sealed partial class CanaryJudge
{
    private JudgeVerdict JudgeKayenta(JudgeInput input, HealthEvidence health, TimeSpan elapsed)
    {
        for (var i = 0; i < _series.Length; i++)
        {
            _series[i].Observe(input.Baseline, input.Canary);
        }

        _looksSinceAnalysis++;
        var evidence = new MetricEvidence[_series.Length];
        if (_looksSinceAnalysis < _settings.KayentaPointsPerAnalysis)
        {
            for (var i = 0; i < _series.Length; i++)
            {
                evidence[i] = KayentaScoring.Collecting(_series[i]);
            }

            var waiting = KayentaScoring.DecideBetweenAnalyses(health, _settings.KayentaPointsPerAnalysis - _looksSinceAnalysis);
            return CreateVerdict(waiting, evidence, health, null, input.Now, elapsed);
        }

        _looksSinceAnalysis = 0;
        for (var i = 0; i < _series.Length; i++)
        {
            var series = _series[i];
            var classification = series.Classify(_settings.KayentaConfidenceLevel, _settings.KayentaTolerance);
            evidence[i] = KayentaScoring.ToEvidence(series.Settings, classification, _settings.KayentaConfidenceLevel);
        }

        var (outcome, score) = KayentaScoring.Decide(evidence, _settings, health);
        return CreateVerdict(outcome, evidence, health, score, input.Now, elapsed);
    }
}
