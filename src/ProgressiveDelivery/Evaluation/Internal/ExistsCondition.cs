using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary><c>exists</c>: the attribute is present (any type; <c>key</c>: the context has a targeting key).</summary>
internal sealed class ExistsCondition(string attribute) : CompiledCondition(attribute)
{
    public override bool Matches(EvaluationContext context) =>
        IsTargetingKey ? context.TargetingKey is not null : !Unsafe.IsNullRef(in Find(context));
}
