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
        AttributeId = IsTargetingKey || attribute.Length == 0 ? -1 : AttributeNameTable.GetOrAdd(attribute);
    }

    public string Attribute { get; }

    public bool IsTargetingKey { get; }

    /// <summary>The <see cref="AttributeNameTable"/> id of <see cref="Attribute"/>, or -1 (the targeting key, no attribute, or the table was full).</summary>
    public int AttributeId { get; }

    public abstract bool Matches(EvaluationContext context);

    /// <summary>What <see cref="Matches"/> answers for every context, when that is known from the condition alone; otherwise <see langword="null"/>.</summary>
    public virtual bool? Constant => null;

    /// <summary>Resolves the attribute; <c>key</c> is the targeting key (a string).</summary>
    protected bool TryResolve(EvaluationContext context, out AttributeValue value)
    {
        if (IsTargetingKey)
        {
            var key = context.TargetingKey;
            value = key is null ? default : AttributeValue.FromString(key);
            return key is not null;
        }

        ref readonly var found = ref context.Find(AttributeId, Attribute);
        if (Unsafe.IsNullRef(in found))
        {
            value = default;
            return false;
        }

        value = found;
        return true;
    }

    /// <summary>
    /// Resolves the attribute by reference, without copying it: a null reference when it is absent (test with
    /// <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>). Not for <c>key</c>: callers check <see cref="IsTargetingKey"/> first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected ref readonly AttributeValue Find(EvaluationContext context) => ref context.Find(AttributeId, Attribute);
}
