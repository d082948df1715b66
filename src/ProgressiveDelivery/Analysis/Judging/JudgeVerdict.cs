using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>The outcome of one judgment: the decision, its reason, and all the evidence behind it.</summary>
public sealed class JudgeVerdict
{
    /// <summary>What the rollout controller should do.</summary>
    public JudgeDecision Decision { get; init; }

    /// <summary>Why, as a stable code from <see cref="JudgeReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>A human-readable explanation naming the metric(s) that decided.</summary>
    public required string Message { get; init; }

    /// <summary>The evidence of every configured metric, in configuration order.</summary>
    public required IReadOnlyList<MetricEvidence> Metrics { get; init; }

    /// <summary>The health of the assignment and of the data flow.</summary>
    public required HealthEvidence Health { get; init; }

    /// <summary>The mode that decided.</summary>
    public JudgeMode Mode { get; init; }

    /// <summary>The Kayenta-compatible score (0 to 100) when an analysis ran at this look; otherwise <see langword="null"/>.</summary>
    public double? Score { get; init; }

    /// <summary>The 1-based number of this judgment since the judge started (or was restored).</summary>
    public long Look { get; init; }

    /// <summary>The time of this judgment, as passed in <see cref="JudgeInput.Now"/>.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The time since the first judgment.</summary>
    public TimeSpan Elapsed { get; init; }
}
