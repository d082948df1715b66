using System.Collections.Generic;

namespace ProgressiveDelivery.Flags;

/// <summary>
/// A reusable group of units: a unit is in the segment when it is not excluded and either is included by key or
/// satisfies all <see cref="Conditions"/> (when there are any).
/// </summary>
public sealed class SegmentDefinition
{
    /// <summary>The segment key, unique within a <see cref="FlagSet"/>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>A human description.</summary>
    public string? Description { get; set; }

    /// <summary>Targeting keys that are always in the segment (unless excluded).</summary>
    public IList<string> Included { get; } = new List<string>();

    /// <summary>Targeting keys that are never in the segment. Exclusion wins over inclusion and conditions.</summary>
    public IList<string> Excluded { get; } = new List<string>();

    /// <summary>Conditions that all must hold for a unit not listed in <see cref="Included"/>. Segment conditions may not use segment operators.</summary>
    public IList<ConditionDefinition> Conditions { get; } = new List<ConditionDefinition>();
}
