using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// FM's built-in <c>AlwaysOn</c> (or <c>On</c>) filter, also what a feature enabled without filters gets: it enables
/// the feature under <c>requirement_type: Any</c>, and is skipped (neither passes nor fails) under <c>All</c>.
/// </summary>
internal sealed class FeatureManagementAlwaysOnFilter : FeatureManagementFilter
{
    private FeatureManagementAlwaysOnFilter()
    {
    }

    public static FeatureManagementAlwaysOnFilter Instance { get; } = new();

    public override bool Evaluate(string? userId, ReadOnlySpan<string> groups) => true;
}
