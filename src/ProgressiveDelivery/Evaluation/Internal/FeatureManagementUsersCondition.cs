using System.Collections.Frozen;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>An FM user allocation matches: the targeting key is one of the users (ordinal); never without a key.</summary>
internal sealed class FeatureManagementUsersCondition(FrozenSet<string> users) : CompiledCondition(ConditionDefinition.TargetingKeyAttribute)
{
    public override bool Matches(EvaluationContext context) => context.TargetingKey is { } userId && users.Contains(userId);
}
