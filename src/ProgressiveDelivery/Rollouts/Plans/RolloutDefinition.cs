using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>
/// One rollout as written by a user: which flag it drives, from which variant to which, by which plan, judged how.
/// A settable description, validated with the flags it refers to by <see cref="RolloutSet.Validate"/>.
/// </summary>
public sealed class RolloutDefinition
{
    /// <summary>The rollout's id: 1 to 128 characters from <c>[A-Za-z0-9._-]</c> (it names its stored state).</summary>
    /// <value>The default value is the empty string, which validation rejects.</value>
    public string Id { get; set; } = string.Empty;

    /// <summary>The flag whose default split the rollout drives.</summary>
    /// <value>The default value is the empty string, which validation rejects.</value>
    public string FlagKey { get; set; } = string.Empty;

    /// <summary>The variant everyone is on before the rollout and after a rollback (the baseline arm).</summary>
    /// <value>The default value is the empty string, which validation rejects.</value>
    public string StableVariant { get; set; } = string.Empty;

    /// <summary>The new variant rolled out (the canary arm).</summary>
    /// <value>The default value is the empty string, which validation rejects.</value>
    public string CanaryVariant { get; set; } = string.Empty;

    /// <summary>The plan.</summary>
    /// <value>The default value is an empty plan, which validation rejects.</value>
    public RolloutPlan Plan { get; set; } = new();

    /// <summary>The judge's configuration; metric names must be those of <see cref="RolloutMetrics"/>.</summary>
    /// <value>The default value is <see cref="RolloutMetrics.CreateDefaultJudgeOptions"/>.</value>
    public JudgeOptions Judge { get; set; } = RolloutMetrics.CreateDefaultJudgeOptions();

    /// <summary>
    /// Whether bake steps end as soon as the judge says Promote (after <see cref="RolloutPlan.AdaptiveMinimumBake"/>):
    /// the judge's tests are anytime-valid, so looking early costs no error guarantee; bake times become maximums.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: bakes always run their full time.</value>
    public bool Adaptive { get; set; }
}
