using System.Collections.Generic;

namespace ProgressiveDelivery.Flags;

/// <summary>A flag that must evaluate to one of the given variants for the dependent flag's rules to be considered.</summary>
public sealed class PrerequisiteDefinition
{
    /// <summary>The key of the prerequisite flag.</summary>
    public string Flag { get; set; } = string.Empty;

    /// <summary>The variants of the prerequisite that satisfy it. When empty: any variant other than its off variant, served while it is enabled.</summary>
    public IList<string> Variants { get; } = new List<string>();
}
