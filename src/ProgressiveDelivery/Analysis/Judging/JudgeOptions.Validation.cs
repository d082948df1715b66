using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The checks behind <see cref="Validate"/>.</summary>
public sealed partial class JudgeOptions
{
    private static bool IsProbability(double value) => value > 0 && value < 1;

    private static bool IsSignificance(double value) => value > 0 && value < 0.5;

    private void ValidateJudge(List<JudgeOptionsError> errors)
    {
        if (Metrics.Count == 0)
        {
            errors.Add(new JudgeOptionsError(null, nameof(Metrics), "No metric is configured; add at least one."));
        }

        if (!IsSignificance(Alpha))
        {
            errors.Add(new JudgeOptionsError(null, nameof(Alpha), $"Must be in (0, 0.5); was {Alpha}."));
        }

        if (NoDataLimit <= TimeSpan.Zero)
        {
            errors.Add(new JudgeOptionsError(null, nameof(NoDataLimit), $"Must be positive; was {NoDataLimit}."));
        }

        if (NoDataLookLimit < 0)
        {
            errors.Add(new JudgeOptionsError(null, nameof(NoDataLookLimit), $"Must be 0 (off) or positive; was {NoDataLookLimit}."));
        }

        if (!IsProbability(SrmAlpha))
        {
            errors.Add(new JudgeOptionsError(null, nameof(SrmAlpha), $"Must be in (0, 1); was {SrmAlpha}."));
        }

        if (SrmMinimumExposures < 0)
        {
            errors.Add(new JudgeOptionsError(null, nameof(SrmMinimumExposures), $"Must not be negative; was {SrmMinimumExposures}."));
        }

        if (!(CountPriorConcentration > 0) || double.IsInfinity(CountPriorConcentration))
        {
            errors.Add(new JudgeOptionsError(null, nameof(CountPriorConcentration), $"Must be positive and finite; was {CountPriorConcentration}."));
        }

        if (!(MeanTuningSampleSize >= 1) || double.IsInfinity(MeanTuningSampleSize))
        {
            errors.Add(new JudgeOptionsError(null, nameof(MeanTuningSampleSize), $"Must be at least 1 and finite; was {MeanTuningSampleSize}."));
        }

        if (MaximumDuration is { } maximum && maximum <= TimeSpan.Zero)
        {
            errors.Add(new JudgeOptionsError(null, nameof(MaximumDuration), $"Must be positive when set; was {maximum}."));
        }

        if (!Enum.IsDefined(UnitOfAnalysis))
        {
            errors.Add(new JudgeOptionsError(null, nameof(UnitOfAnalysis), $"Unknown unit of analysis {(int)UnitOfAnalysis}; use Unit or Request."));
        }

        if (!Enum.IsDefined(Mode))
        {
            errors.Add(new JudgeOptionsError(null, nameof(Mode), $"Unknown mode {(int)Mode}."));
        }

        ValidateKayenta(errors);
    }

    private void ValidateKayenta(List<JudgeOptionsError> errors)
    {
        var kayenta = Kayenta;
        if (kayenta is null)
        {
            errors.Add(new JudgeOptionsError(null, nameof(Kayenta), "Must not be null."));
            return;
        }

        if (!IsProbability(kayenta.ConfidenceLevel))
        {
            errors.Add(new JudgeOptionsError(null, "Kayenta.ConfidenceLevel", $"Must be in (0, 1); was {kayenta.ConfidenceLevel}."));
        }

        if (!(kayenta.Tolerance >= 0) || double.IsInfinity(kayenta.Tolerance))
        {
            errors.Add(new JudgeOptionsError(null, "Kayenta.Tolerance", $"Must be non-negative and finite; was {kayenta.Tolerance}."));
        }

        if (!(kayenta.PassThreshold >= 0 && kayenta.PassThreshold <= 100))
        {
            errors.Add(new JudgeOptionsError(null, "Kayenta.PassThreshold", $"Must be in [0, 100]; was {kayenta.PassThreshold}."));
        }

        if (!(kayenta.MarginalThreshold >= 0 && kayenta.MarginalThreshold <= kayenta.PassThreshold))
        {
            errors.Add(new JudgeOptionsError(null, "Kayenta.MarginalThreshold", $"Must be in [0, PassThreshold]; was {kayenta.MarginalThreshold}."));
        }

        if (kayenta.PointsPerAnalysis < 3)
        {
            errors.Add(new JudgeOptionsError(null, "Kayenta.PointsPerAnalysis", $"Must be at least 3; was {kayenta.PointsPerAnalysis}."));
        }
    }

    private static void ValidateMetric(MetricOptions metric, string label, JudgeMode mode, List<JudgeOptionsError> errors)
    {
        if (string.IsNullOrWhiteSpace(metric.Name))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Name), "Must not be empty."));
        }

        if (!Enum.IsDefined(metric.Kind))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Kind), $"Unknown kind {(int)metric.Kind}."));
        }

        if (metric.Kind == MetricKind.Quantile && !IsProbability(metric.Quantile))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Quantile), $"Must be in (0, 1); was {metric.Quantile}."));
        }

        if (metric.Kind == MetricKind.Quantile && mode == JudgeMode.KayentaCompatible)
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Kind), "Quantile metrics are not supported in the Kayenta-compatible mode (its points are interval aggregates); use Mean."));
        }

        if (!Enum.IsDefined(metric.Transform))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Transform), $"Unknown transform {(int)metric.Transform}."));
        }
        else if (metric.Transform != MetricTransform.None && metric.Kind != MetricKind.Mean)
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Transform), "A transform applies only to Mean metrics (count rates are not transformed; quantiles do not change order under a log)."));
        }

        if (!Enum.IsDefined(metric.BadDirection))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.BadDirection), $"Unknown direction {(int)metric.BadDirection}."));
        }

        if (!(metric.Tolerance > 0) || double.IsInfinity(metric.Tolerance))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Tolerance), $"Must be positive and finite (the non-inferiority margin); was {metric.Tolerance}."));
        }

        if (!Enum.IsDefined(metric.ToleranceKind))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.ToleranceKind), $"Unknown tolerance kind {(int)metric.ToleranceKind}."));
        }

        if (metric.Muted && (metric.Critical || metric.SignalOnly))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Muted), "A muted metric never decides, so it cannot also be Critical or SignalOnly."));
        }

        if (metric.Critical && metric.SignalOnly)
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.SignalOnly), "A critical metric rolls back on failure, so it cannot also be SignalOnly."));
        }

        if (metric.MinimumSample < 1)
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.MinimumSample), $"Must be at least 1; was {metric.MinimumSample}."));
        }

        if (metric.Alpha is { } alpha && !IsSignificance(alpha))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Alpha), $"Must be in (0, 0.5) when set; was {alpha}."));
        }

        if (!(metric.Weight >= 0) || double.IsInfinity(metric.Weight))
        {
            errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Weight), $"Must be non-negative and finite; was {metric.Weight}."));
        }
    }
}
