using System;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>A condition with its operands pre-parsed. Subclasses per operator family; evaluating never allocates.</summary>
internal abstract class CompiledCondition
{
    protected CompiledCondition(string attribute)
    {
        Attribute = attribute;
        IsTargetingKey = string.Equals(attribute, ConditionDefinition.TargetingKeyAttribute, StringComparison.Ordinal);
    }

    public string Attribute { get; }

    public bool IsTargetingKey { get; }

    public abstract bool Matches(EvaluationContext context);

    /// <summary>Resolves the attribute; <c>key</c> is the targeting key (a string).</summary>
    protected bool TryResolve(EvaluationContext context, out AttributeValue value)
    {
        if (IsTargetingKey)
        {
            var key = context.TargetingKey;
            value = key is null ? default : AttributeValue.FromString(key);
            return key is not null;
        }

        return context.TryGetAttribute(Attribute, out value);
    }
}
