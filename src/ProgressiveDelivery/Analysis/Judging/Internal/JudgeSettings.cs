using System;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>An immutable snapshot of validated <see cref="JudgeOptions"/>.</summary>
internal sealed class JudgeSettings
{
    public JudgeSettings(JudgeOptions options)
    {
        var metrics = new MetricSettings[options.Metrics.Count];
        for (var i = 0; i < metrics.Length; i++)
        {
            metrics[i] = new MetricSettings(options.Metrics[i], i, options.Alpha);
        }

        Metrics = metrics;
        Alpha = options.Alpha;
        NoDataLimit = options.NoDataLimit;
        NoDataLookLimit = options.NoDataLookLimit;
        SrmAlpha = options.SrmAlpha;
        SrmMinimumExposures = options.SrmMinimumExposures;
        SrmChiSquarePauses = options.SrmChiSquarePauses;
        CountPriorConcentration = options.CountPriorConcentration;
        MeanTuningSampleSize = options.MeanTuningSampleSize;
        MaximumDuration = options.MaximumDuration;
        Mode = options.Mode;
        UnitOfAnalysis = options.UnitOfAnalysis;
        KayentaConfidenceLevel = options.Kayenta.ConfidenceLevel;
        KayentaTolerance = options.Kayenta.Tolerance;
        KayentaPassThreshold = options.Kayenta.PassThreshold;
        KayentaMarginalThreshold = options.Kayenta.MarginalThreshold;
        KayentaPointsPerAnalysis = options.Kayenta.PointsPerAnalysis;
    }

    public MetricSettings[] Metrics { get; }

    public double Alpha { get; }

    public TimeSpan NoDataLimit { get; }

    public int NoDataLookLimit { get; }

    public double SrmAlpha { get; }

    public long SrmMinimumExposures { get; }

    public bool SrmChiSquarePauses { get; }

    public double CountPriorConcentration { get; }

    public double MeanTuningSampleSize { get; }

    public TimeSpan? MaximumDuration { get; }

    public JudgeMode Mode { get; }

    public UnitOfAnalysis UnitOfAnalysis { get; }

    public double KayentaConfidenceLevel { get; }

    public double KayentaTolerance { get; }

    public double KayentaPassThreshold { get; }

    public double KayentaMarginalThreshold { get; }

    public int KayentaPointsPerAnalysis { get; }
}
