namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>A targeting rule: all conditions (AND; none = always) then a serve.</summary>
internal sealed class CompiledRule(CompiledCondition[] conditions, CompiledServe serve)
{
    public CompiledServe Serve { get; } = serve;

    public bool Matches(EvaluationContext context)
    {
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
