using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Rollouts.Internal;

/// <summary>
/// Deep copies of validated rollout definitions: the manager keeps its own, so that changing a definition after loading
/// it has no effect (a new set must be loaded, and validated, instead).
/// </summary>
internal static class DefinitionCopy
{
    public static RolloutDefinition Of(RolloutDefinition definition) => new()
    {
        Id = definition.Id,
        FlagKey = definition.FlagKey,
        StableVariant = definition.StableVariant,
        CanaryVariant = definition.CanaryVariant,
        Adaptive = definition.Adaptive,
        Plan = Of(definition.Plan),
        Judge = Of(definition.Judge),
    };

    private static RolloutPlan Of(RolloutPlan plan) => new(plan.Steps) // steps are immutable
    {
        BackgroundAnalysis = plan.BackgroundAnalysis,
        MaximumDuration = plan.MaximumDuration,
        OnNoData = plan.OnNoData,
        OnUnhealthyAssignment = plan.OnUnhealthyAssignment,
        OnInconclusive = plan.OnInconclusive,
        AdaptiveMinimumBake = plan.AdaptiveMinimumBake,
    };

    private static JudgeOptions Of(JudgeOptions options)
    {
        var copy = new JudgeOptions
        {
            Alpha = options.Alpha,
            NoDataLimit = options.NoDataLimit,
            NoDataLookLimit = options.NoDataLookLimit,
            SrmAlpha = options.SrmAlpha,
            SrmMinimumExposures = options.SrmMinimumExposures,
            SrmChiSquarePauses = options.SrmChiSquarePauses,
            CountPriorConcentration = options.CountPriorConcentration,
            MeanTuningSampleSize = options.MeanTuningSampleSize,
            MaximumDuration = options.MaximumDuration,
            Mode = options.Mode,
            Kayenta = new KayentaOptions
            {
                ConfidenceLevel = options.Kayenta.ConfidenceLevel,
                Tolerance = options.Kayenta.Tolerance,
                PassThreshold = options.Kayenta.PassThreshold,
                MarginalThreshold = options.Kayenta.MarginalThreshold,
                PointsPerAnalysis = options.Kayenta.PointsPerAnalysis,
            },
        };
        foreach (var metric in options.Metrics)
        {
            copy.Metrics.Add(new MetricOptions
            {
                Name = metric.Name,
                Kind = metric.Kind,
                Quantile = metric.Quantile,
                Transform = metric.Transform,
                BadDirection = metric.BadDirection,
                Tolerance = metric.Tolerance,
                ToleranceKind = metric.ToleranceKind,
                Critical = metric.Critical,
                Muted = metric.Muted,
                SignalOnly = metric.SignalOnly,
                MinimumSample = metric.MinimumSample,
                Alpha = metric.Alpha,
                Weight = metric.Weight,
            });
        }

        return copy;
    }
}
