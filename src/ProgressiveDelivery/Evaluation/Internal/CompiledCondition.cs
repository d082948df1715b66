using System;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Resolves the attribute by reference, without copying it: a null reference when it is absent (test with
    /// <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>). Not for <c>key</c>: callers check <see cref="IsTargetingKey"/> first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected ref readonly AttributeValue Find(EvaluationContext context) => ref context.Find(Attribute);
}
