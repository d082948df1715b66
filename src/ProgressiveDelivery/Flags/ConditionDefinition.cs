using System.Collections.Generic;

namespace ProgressiveDelivery.Flags;

/// <summary>One condition of a rule or segment: <c>attribute operator values</c>.</summary>
/// <remarks>
/// For <see cref="ConditionOperator.InSegment"/> and <see cref="ConditionOperator.NotInSegment"/>,
/// <see cref="Values"/> are segment keys and <see cref="Attribute"/> is not used. For every other operator a missing
/// attribute makes the condition false (also for the negative operators), except <see cref="ConditionOperator.Exists"/>.
/// The attribute <c>key</c> (<see cref="TargetingKeyAttribute"/>) names the context's targeting key (unit id).
/// </remarks>
public sealed class ConditionDefinition
{
    /// <summary>The attribute name that refers to the context's targeting key (the unit id).</summary>
    public const string TargetingKeyAttribute = "key";

    /// <summary>The context attribute tested.</summary>
    public string Attribute { get; set; } = string.Empty;

    /// <summary>The operator.</summary>
    public ConditionOperator Operator { get; set; }

    /// <summary>
    /// The operands as invariant text: strings, numbers (<c>42</c>, <c>0.5</c>), ISO 8601 dates, semantic versions, regex
    /// patterns or segment keys. The condition holds when it holds for any value (for negative operators: for none).
    /// </summary>
    public IList<string> Values { get; } = new List<string>();

    /// <summary>Whether string operators compare case-sensitively (ordinal) or not (ordinal ignore case).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CaseSensitive { get; set; } = true;
}
