using System.Collections.Frozen;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// A segment: excluded targeting keys are never in it; included ones always are; anyone else is in it when the
/// segment has conditions and all of them hold. Without a targeting key only the conditions apply.
/// </summary>
internal sealed class CompiledSegment(string key, FrozenSet<string> included, FrozenSet<string> excluded, CompiledCondition[] conditions)
{
    public string Key { get; } = key;

    public bool Contains(EvaluationContext context)
    {
        var targetingKey = context.TargetingKey;
        if (targetingKey is not null)
        {
            if (excluded.Contains(targetingKey))
            {
                return false;
            }

            if (included.Contains(targetingKey))
            {
                return true;
            }
        }

        if (conditions.Length == 0)
        {
            return false;
        }

        foreach (var condition in conditions)
        {
            if (!condition.Matches(context))
            {
                return false;
            }
        }

        return true;
    }
}
