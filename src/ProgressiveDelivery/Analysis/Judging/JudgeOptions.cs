using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The configuration of a <see cref="CanaryJudge"/>: its metrics, error rates, health checks and mode.</summary>
/// <remarks>
/// A settable POCO, validated by <see cref="Validate"/> (which <see cref="CanaryJudge"/>'s constructor calls) and then
/// copied, so changing it after the judge was created has no effect on that judge.
/// </remarks>
public sealed partial class JudgeOptions
{
    /// <summary>The metrics compared between the arms. At least one must not be muted.</summary>
    public IList<MetricOptions> Metrics { get; } = new List<MetricOptions>();

    /// <summary>
    /// The significance level of every metric test (unless a metric overrides it): under A/A, the probability that a
    /// metric ever fails over the whole rollout, however often the judge looks, is at most this.
    /// </summary>
    /// <value>The default value is 0.05.</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>How long the canary may receive no new exposures before the judge pauses with reason <c>no_data</c>.</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan NoDataLimit { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many consecutive looks without new canary exposures pause the judge with reason <c>no_data</c>; 0 disables the look limit.</summary>
    /// <value>The default value is 0: only <see cref="NoDataLimit"/> applies.</value>
    public int NoDataLookLimit { get; set; }

    /// <summary>The p-value below which the sample-ratio mismatch tests declare the assignment unhealthy.</summary>
    /// <value>The default value is 0.001.</value>
    public double SrmAlpha { get; set; } = 0.001;

    /// <summary>The total exposures (both arms) from which the fixed-horizon chi-square SRM p-value is computed.</summary>
    /// <value>The default value is 1000.</value>
    public long SrmMinimumExposures { get; set; } = 1000;

    /// <summary>
    /// Whether the fixed-horizon Pearson chi-square SRM test may pause the rollout too (it is always reported). Off by
    /// default: re-testing it at every look inflates its error like any fixed-horizon test (about 5% false SRM pauses
    /// over 24 hours of minute looks in the simulation report), while the sequential test keeps 0.1% at any cadence.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: only the sequential SRM test pauses.</value>
    public bool SrmChiSquarePauses { get; set; }

    /// <summary>
    /// The prior concentration <c>c</c> of the count tests' Beta-binomial Bayes factor: about 100 suits canary-sized
    /// effects (a doubled error rate).
    /// </summary>
    /// <value>The default value is 100.</value>
    public double CountPriorConcentration { get; set; } = 100;

    /// <summary>
    /// The number of values (both arms together) at which the mean confidence sequences are tightest (<c>N_tune</c>);
    /// also used by the rate bounds of count metrics. Any choice keeps the guarantee; it moves where power is best.
    /// </summary>
    /// <value>The default value is 5000 (about 25 minutes of 100 requests per minute per arm).</value>
    public double MeanTuningSampleSize { get; set; } = 5000;

    /// <summary>How long the judge may stay undecided before it pauses with reason <c>inconclusive</c>.</summary>
    /// <value>The default value is <see langword="null"/>: it continues collecting for as long as it is asked.</value>
    public TimeSpan? MaximumDuration { get; set; }

    /// <summary>
    /// What the tests treat as independent: the unit of assignment (right on real, clustered traffic; needs summaries
    /// recorded per unit) or the request (only right when each unit makes about one request).
    /// </summary>
    /// <value>The default value is <see cref="Judging.UnitOfAnalysis.Unit"/>.</value>
    public UnitOfAnalysis UnitOfAnalysis { get; set; } = UnitOfAnalysis.Unit;

    /// <summary>How the judge decides.</summary>
    /// <value>The default value is <see cref="JudgeMode.Sequential"/>.</value>
    public JudgeMode Mode { get; set; } = JudgeMode.Sequential;

    /// <summary>The settings of the Kayenta-compatible mode.</summary>
    public KayentaOptions Kayenta { get; set; } = new KayentaOptions();

    /// <summary>Checks every setting and returns all problems at once, each naming the metric and the field.</summary>
    /// <returns>The problems found; empty when the options are valid.</returns>
    public IReadOnlyList<JudgeOptionsError> Validate()
    {
        var errors = new List<JudgeOptionsError>();
        ValidateJudge(errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var decisive = 0;
        for (var i = 0; i < Metrics.Count; i++)
        {
            var metric = Metrics[i];
            if (metric is null)
            {
                errors.Add(new JudgeOptionsError($"#{i}", "Metrics", "The metric is null."));
                continue;
            }

            var label = string.IsNullOrWhiteSpace(metric.Name) ? $"#{i}" : metric.Name;
            if (!string.IsNullOrWhiteSpace(metric.Name) && !names.Add(metric.Name))
            {
                errors.Add(new JudgeOptionsError(label, nameof(MetricOptions.Name), "Another metric has the same name; names must be unique."));
            }

            ValidateMetric(metric, label, Mode, errors);
            if (!metric.Muted)
            {
                decisive++;
            }
        }

        if (Metrics.Count > 0 && decisive == 0)
        {
            errors.Add(new JudgeOptionsError(null, nameof(Metrics), "Every metric is muted; at least one must decide."));
        }

        return errors;
    }
}
