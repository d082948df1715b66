namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>What the judge's tests treat as independent observations.</summary>
public enum UnitOfAnalysis
{
    /// <summary>
    /// The unit of assignment (user, session): every metric is a ratio of per-unit sums whose variance comes from the
    /// arms' analysis cells (random groups of units), and the sample-ratio test counts units. Right however one unit's
    /// requests cluster: heavy users, users that always fail, per-user latency. Needs summaries recorded per unit
    /// (<see cref="Observations.ArmSummary.HasCells"/>). The default.
    /// </summary>
    Unit = 0,

    /// <summary>
    /// The request: every request is an independent draw and the sample-ratio test counts requests. Only valid when each
    /// unit makes about one request; on real, clustered traffic it overstates the evidence (false rollbacks and false
    /// sample-ratio pauses far above alpha).
    /// </summary>
    Request = 1,
}
