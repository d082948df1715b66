using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// FM's <c>Microsoft.Percentage</c> filter, reproduced as FM has it: a fresh random draw on every evaluation
/// (<c>random * 100 &lt; Value</c>), not sticky per user; a negative <c>Value</c> never passes. For a sticky
/// percentage, FM and ProgressiveDelivery both offer the targeting filter's <c>DefaultRolloutPercentage</c>.
/// </summary>
internal sealed class FeatureManagementPercentageFilter(int value) : FeatureManagementFilter
{
    public int Value { get; } = value;

    public override bool Evaluate(string? userId, ReadOnlySpan<string> groups) =>
        Value >= 0 && Random.Shared.NextDouble() * 100 < Value;
}
