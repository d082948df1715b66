namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>A targeting rule: all conditions (AND; none = always) then a serve.</summary>
internal sealed class CompiledRule(CompiledCondition[] conditions, CompiledServe serve)
{
    private readonly CompiledCondition[] _conditions = conditions;

    public CompiledServe Serve { get; } = serve;

    public CompiledCondition[] Conditions => _conditions;

    public bool Matches(EvaluationContext context)
    {
        var conditions = _conditions;
        for (var i = 0; i < conditions.Length; i++)
        {
            if (!conditions[i].Matches(context))
            {
                return false;
            }
        }

        return true;
    }
}
