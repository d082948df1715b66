using System;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The health of the experiment itself at one judgment: assignment (sample ratio) and data flow.</summary>
public sealed class HealthEvidence
{
    /// <summary>The baseline arm's cumulative exposures.</summary>
    public long BaselineExposures { get; init; }

    /// <summary>The canary arm's cumulative exposures.</summary>
    public long CanaryExposures { get; init; }

    /// <summary>The units first seen in the baseline (0 unless the unit of analysis is <see cref="Judging.UnitOfAnalysis.Unit"/>).</summary>
    public long BaselineUnits { get; init; }

    /// <summary>The units first seen in the canary (0 unless the unit of analysis is <see cref="Judging.UnitOfAnalysis.Unit"/>).</summary>
    public long CanaryUnits { get; init; }

    /// <summary>What the sample-ratio tests count: units (each once per attempt) or requests.</summary>
    public UnitOfAnalysis UnitOfAnalysis { get; init; }

    /// <summary>The canary share of the units (or requests) the sample-ratio tests counted, expected from the shares in force.</summary>
    public double ExpectedCanaryShare { get; init; } = double.NaN;

    /// <summary>The canary share of all units (or requests) observed so far.</summary>
    public double ObservedCanaryShare { get; init; } = double.NaN;

    /// <summary>The anytime-valid p-value of the sequential Dirichlet-multinomial SRM test.</summary>
    public double SrmSequentialPValue { get; init; } = double.NaN;

    /// <summary>The Pearson chi-square SRM p-value; <see cref="double.NaN"/> before <see cref="JudgeOptions.SrmMinimumExposures"/>.</summary>
    public double SrmChiSquarePValue { get; init; } = double.NaN;

    /// <summary>
    /// Whether the sequential SRM p-value (or, with <see cref="JudgeOptions.SrmChiSquarePauses"/>, the chi-square one) is
    /// below <see cref="JudgeOptions.SrmAlpha"/>.
    /// </summary>
    public bool SampleRatioMismatch { get; init; }

    /// <summary>Whether the canary has received any exposure at all.</summary>
    public bool CanaryHasData { get; init; }

    /// <summary>How long the canary has gone without a new exposure (since its last one, or since the first look).</summary>
    public TimeSpan TimeWithoutCanaryData { get; init; }

    /// <summary>How many consecutive looks saw no new canary exposure.</summary>
    public int LooksWithoutCanaryData { get; init; }

    /// <summary>Whether the no-data limit (time or looks) has been reached.</summary>
    public bool NoDataLimitReached { get; init; }
}
