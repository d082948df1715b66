using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// One of the Microsoft.FeatureManagement 4.x filters a migrated feature can use, with its parameters read and
/// validated once. Evaluating never allocates.
/// </summary>
internal abstract class FeatureManagementFilter
{
    /// <summary>Whether the filter passes for the targeting context: its user id (<see langword="null"/> when none) and groups.</summary>
    public abstract bool Evaluate(string? userId, ReadOnlySpan<string> groups);
}
