using System.Collections.Generic;
using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>One Microsoft.FeatureManagement feature as read from configuration (FM's <c>FeatureDefinition</c>), validated.</summary>
/// <param name="name">The feature name as configured: the flag key, and the hint its targeting hashes.</param>
/// <param name="path">The configuration path of the feature.</param>
internal sealed class FeatureManagementDefinition(string name, string path)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    /// <summary>FM's status: <see langword="false"/> (Disabled) for a feature of the current schema without <c>enabled: true</c>; it never evaluates its filters nor applies a status override.</summary>
    public bool Conditional { get; set; }

    /// <summary><c>requirement_type: All</c>, else Any.</summary>
    public bool RequireAll { get; set; }

    /// <summary>The filters (FM's <c>EnabledFor</c>); none disables the feature.</summary>
    public List<FeatureManagementFilter> Filters { get; } = [];

    /// <summary>The allocation, or <see langword="null"/> when the feature has none.</summary>
    public FeatureManagementAllocation? Allocation { get; set; }

    /// <summary>The variants with a name, in order (FM finds a variant by name, the first of equal names).</summary>
    public List<FeatureManagementVariant> Variants { get; } = [];
}

/// <summary>A variant of an FM feature: its name, its <c>configuration_value</c> as text, and its <c>status_override</c> (null for None, true for Enabled, false for Disabled).</summary>
internal sealed record FeatureManagementVariant(string Name, string Value, bool? StatusOverride);

/// <summary>An FM allocation: user, group and percentile assignments in order, then the defaults.</summary>
internal sealed class FeatureManagementAllocation
{
    public string? DefaultWhenEnabled { get; set; }

    public string? DefaultWhenDisabled { get; set; }

    /// <summary>What percentile allocation hashes after the user id: the seed, or <c>"allocation\n{feature}"</c>.</summary>
    public string Hint { get; set; } = string.Empty;

    public List<(string? Variant, string[] Users)> Users { get; } = [];

    public List<(string? Variant, string[] Groups)> Groups { get; } = [];

    public List<(string? Variant, double From, double To)> Percentiles { get; } = [];
}
