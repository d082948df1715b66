using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// A <see cref="MetricKind.Quantile"/> metric: time-uniform confidence intervals for the quantile of each arm from its
/// histogram (<see cref="SequentialQuantileTest.ConfidenceInterval(IBucketedDistribution, double, double, long)"/>, each at alpha/2, so all four bounds hold together
/// at every look). Failure when the canary's interval lies entirely on the bad side of the baseline's; non-inferiority
/// when the canary's bad-side bound is inside the baseline's good-side bound plus the margin. Reads the arms'
/// cumulative histograms at each look; keeps no per-request state.
/// </summary>
/// <remarks>
/// With <see cref="UnitOfAnalysis.Unit"/> each arm's band is taken at its effective count: the values divided by the
/// arm's design effect at the quantile, the cluster-robust variance of the empirical distribution function there (from
/// the arm's per-cell coarse histograms, <see cref="ValueRecorder.KeepUnitQuantiles"/>) over its independent variance
/// F(1 - F)/n, at the two bin edges around the quantile (the larger), at least 1. Without per-cell histograms it falls
/// back to the design effect of the mean of the same values, an approximation (docs/judge-units.md).
/// </remarks>
internal sealed class QuantileTracker : MetricTracker
{
    private LogLinearHistogram? _baseline;
    private LogLinearHistogram? _canary;
    private long _baselineCount;
    private long _canaryCount;
    private long _look;

    private readonly UnitOfAnalysis _unit;
    private double _baselineDesignEffect = 1;
    private double _canaryDesignEffect = 1;

    public QuantileTracker(MetricSettings settings, JudgeSettings judge)
        : base(settings)
    {
        _unit = judge.UnitOfAnalysis;
    }

    public override void Observe(ArmSummary baseline, ArmSummary canary, double canaryShare, long look)
    {
        _look = look;
        var b = baseline.GetValues(Settings.Name);
        var c = canary.GetValues(Settings.Name);
        (_baseline, _baselineCount) = (b.Histogram, b.Count);
        (_canary, _canaryCount) = (c.Histogram, c.Count);
        _baselineDesignEffect = DesignEffect(b);
        _canaryDesignEffect = DesignEffect(c);
    }

    /// <summary>Var_cluster(mean) / Var_iid(mean) from the summary's cells, at least 1; NaN without cells in unit mode.</summary>
    private double DesignEffect(ValueSummary summary)
    {
        if (_unit == UnitOfAnalysis.Request || summary.Count < 2)
        {
            return 1;
        }

        if (summary.Cells is null)
        {
            return double.NaN;
        }

        if (summary.CellBins is { } bins)
        {
            return QuantileDesignEffect(bins, Settings.Quantile);
        }

        var iid = summary.M2 / (summary.Count - 1) / summary.Count;
        var cluster = ClusterRatio.Of(summary.Cells.Sums, summary.Cells.Counts).Variance;
        return iid > 0 && cluster > 0 ? Math.Max(1, cluster / iid) : 1;
    }

    /// <summary>
    /// The design effect of the empirical distribution function at the bin edges around the <paramref name="quantile"/>:
    /// per cell k, c_k values below the edge out of n_k; F = Σc/Σn; Var_cluster = G/(G - 1) Σ (c_k - F·n_k)² / N²
    /// over Var_iid = F(1 - F)/N; the larger of the two edges, at least 1.
    /// </summary>
    internal static double QuantileDesignEffect(ReadOnlySpan<long> bins, double quantile)
    {
        const int Bins = Observations.Internal.CellBinades.Bins;
        Span<long> totals = stackalloc long[Bins];
        Span<long> cellCounts = stackalloc long[UnitKey.CellCount];
        long n = 0;
        for (var cell = 0; cell < UnitKey.CellCount; cell++)
        {
            for (var bin = 0; bin < Bins; bin++)
            {
                var count = bins[(cell * Bins) + bin];
                totals[bin] += count;
                cellCounts[cell] += count;
            }

            n += cellCounts[cell];
        }

        if (n == 0)
        {
            return 1;
        }

        // The first bin whose cumulative count reaches the quantile's rank: the quantile lies in it, between the edges
        // below (end of the previous bin) and above (end of this bin).
        long cumulative = 0;
        var target = quantile * n;
        var quantileBin = Bins - 1;
        for (var bin = 0; bin < Bins; bin++)
        {
            cumulative += totals[bin];
            if (cumulative >= target)
            {
                quantileBin = bin;
                break;
            }
        }

        var effect = 1.0;
        for (var edge = quantileBin - 1; edge <= quantileBin; edge++)
        {
            if (edge >= 0)
            {
                effect = Math.Max(effect, EdgeDesignEffect(bins, cellCounts, n, edge));
            }
        }

        return effect;
    }

    private static double EdgeDesignEffect(ReadOnlySpan<long> bins, ReadOnlySpan<long> cellCounts, long n, int edge)
    {
        const int Bins = Observations.Internal.CellBinades.Bins;
        Span<long> below = stackalloc long[UnitKey.CellCount];
        long all = 0;
        for (var cell = 0; cell < UnitKey.CellCount; cell++)
        {
            for (var bin = 0; bin <= edge; bin++)
            {
                below[cell] += bins[(cell * Bins) + bin];
            }

            all += below[cell];
        }

        var f = (double)all / n;
        if (f <= 0 || f >= 1)
        {
            return 1;
        }

        double squares = 0;
        var groups = 0;
        for (var cell = 0; cell < UnitKey.CellCount; cell++)
        {
            if (cellCounts[cell] > 0)
            {
                groups++;
                var residual = below[cell] - (f * cellCounts[cell]);
                squares += residual * residual;
            }
        }

        if (groups < 2)
        {
            return 1;
        }

        var cluster = groups / (groups - 1.0) * squares / ((double)n * n);
        return cluster / (f * (1 - f) / n);
    }

    public override MetricEvidence Evaluate()
    {
        var settings = Settings;
        if (_baselineCount == 0 || _canaryCount == 0)
        {
            return Evidence(MetricResult.NoData, MetricRules.NoData, default, default, double.NaN, null);
        }

        if (double.IsNaN(_baselineDesignEffect) || double.IsNaN(_canaryDesignEffect))
        {
            return Evidence(MetricResult.Error, MetricRules.Error, default, default, double.NaN, "The value summaries were not recorded per unit; record with the unit, or judge with UnitOfAnalysis.Request.");
        }

        if (_baseline is null || _canary is null)
        {
            return Evidence(MetricResult.Error, MetricRules.Error, default, default, double.NaN, "Quantile metrics need the arms' histograms; the summaries carry moments only.");
        }

        var minimum = Math.Max(1, settings.MinimumSample);
        var b = SequentialQuantileTest.ConfidenceInterval(new HistogramDistribution(_baseline), settings.Quantile, settings.Alpha / 2, minimum, _baselineDesignEffect);
        var c = SequentialQuantileTest.ConfidenceInterval(new HistogramDistribution(_canary), settings.Quantile, settings.Alpha / 2, minimum, _canaryDesignEffect);
        var margin = settings.Margin(b.Estimate);
        if (FailedAtLook > 0)
        {
            return Evidence(FailedResult, MetricRules.ProvenWorse, b, c, margin, null);
        }

        if (_baselineCount < settings.MinimumSample || _canaryCount < settings.MinimumSample)
        {
            return Evidence(MetricResult.Inconclusive, MetricRules.MinimumSample, b, c, margin, null);
        }

        // Bounds on canary quantile - baseline quantile from the two intervals.
        var lower = c.Lower - b.Upper;
        var upper = c.Upper - b.Lower;
        var failure = BoundRules.Failure(settings.Direction, lower, upper);
        if (failure != MetricResult.Inconclusive)
        {
            FailedAtLook = _look;
            FailedResult = failure;
            return Evidence(failure, MetricRules.ProvenWorse, b, c, margin, null);
        }

        return BoundRules.NonInferior(settings.Direction, lower, upper, margin)
            ? Evidence(MetricResult.Pass, MetricRules.ProvenNonInferior, b, c, margin, null)
            : Evidence(MetricResult.Inconclusive, MetricRules.Undecided, b, c, margin, null);
    }

    protected override void WriteStateCore(Utf8JsonWriter writer) => writer.WriteNumber("look", _look);

    protected override void ReadStateCore(JsonElement element) => _look = element.GetProperty("look").GetInt64();

    private MetricEvidence Evidence(MetricResult result, string rule, QuantileBounds b, QuantileBounds c, double margin, string? message)
    {
        var settings = Settings;
        var hasBounds = b.Count > 0 && c.Count > 0;
        var effect = hasBounds ? c.Estimate - b.Estimate : double.NaN;
        return new MetricEvidence
        {
            Name = settings.Name,
            Kind = settings.Kind,
            Result = result,
            Rule = rule,
            Test = "sequential_quantile",
            UnitOfAnalysis = _unit,
            EffectiveCount = hasBounds ? (_baselineCount / _baselineDesignEffect) + (_canaryCount / _canaryDesignEffect) : double.NaN,
            LowerBound = hasBounds ? c.Lower - b.Upper : double.NaN,
            UpperBound = hasBounds ? c.Upper - b.Lower : double.NaN,
            EffectAbsolute = effect,
            EffectRelative = hasBounds ? BoundRules.Relative(c.Estimate, b.Estimate) : double.NaN,
            BaselineEstimate = hasBounds ? b.Estimate : double.NaN,
            CanaryEstimate = hasBounds ? c.Estimate : double.NaN,
            BaselineCount = _baselineCount,
            CanaryCount = _canaryCount,
            Alpha = settings.Alpha,
            Margin = margin,
            Critical = settings.Critical,
            Muted = settings.Muted,
            SignalOnly = settings.SignalOnly,
            Message = message ?? (hasBounds
                ? $"q{settings.Quantile:G3}: canary [{c.Lower:G4}, {c.Upper:G4}], baseline [{b.Lower:G4}, {b.Upper:G4}] (time-uniform, each at alpha/2)."
                : null),
        };
    }
}
