using ProgressiveDelivery.Bucketing;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// An FM percentile allocation matches: the user's percentage of <c>"{userId}\n{hint}"</c> (the hint is the seed, or
/// <c>"allocation\n{feature}"</c>) is in [from, to), a range ending at 100 including 100. A missing key hashes as empty, as in FM.
/// </summary>
internal sealed class FeatureManagementPercentileCondition(string hint, double from, double to) : CompiledCondition(ConditionDefinition.TargetingKeyAttribute)
{
    public override bool Matches(EvaluationContext context)
    {
        var percentage = FeatureManagementBucketer.GetPercentage(context.TargetingKey, hint);
        return to == 100 ? percentage >= from : percentage >= from && percentage < to;
    }
}
