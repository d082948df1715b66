using System.Collections.Generic;

namespace ProgressiveDelivery.Flags;

/// <summary>A targeting rule: when all conditions hold, serve a variant or a split. Exactly one of <see cref="Variant"/> and <see cref="Split"/> is set.</summary>
public sealed class RuleDefinition
{
    /// <summary>An optional name, shown in reports.</summary>
    public string? Name { get; set; }

    /// <summary>The conditions, all of which must hold (logical AND). An empty list always matches.</summary>
    public IList<ConditionDefinition> Conditions { get; } = new List<ConditionDefinition>();

    /// <summary>The variant served when the rule matches.</summary>
    public string? Variant { get; set; }

    /// <summary>The split served when the rule matches.</summary>
    public IList<WeightedVariant> Split { get; } = new List<WeightedVariant>();
}
