namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// A flag's rules as one flat array of <see cref="ConditionStep"/>s (rule after rule, conditions in order) and where each
/// rule's steps end, so that <see cref="FindMatch"/> tests them in one loop without a call per rule or per common condition.
/// </summary>
internal sealed class RuleProgram
{
    private readonly ConditionStep[] _steps;
    private readonly int[] _ruleEnds;

    private RuleProgram(ConditionStep[] steps, int[] ruleEnds)
    {
        _steps = steps;
        _ruleEnds = ruleEnds;
    }

    public static RuleProgram Empty { get; } = new([], []);

    public static RuleProgram Create(CompiledRule[] rules)
    {
        var count = 0;
        foreach (var rule in rules)
        {
            count += rule.Conditions.Length;
        }

        var steps = new ConditionStep[count];
        var ruleEnds = new int[rules.Length];
        var next = 0;
        for (var r = 0; r < rules.Length; r++)
        {
            foreach (var condition in rules[r].Conditions)
            {
                steps[next++] = ConditionStep.From(condition);
            }

            ruleEnds[r] = next;
        }

        return new RuleProgram(steps, ruleEnds);
    }

    /// <summary>The index of the first rule whose conditions all hold (a rule without conditions always holds), or -1.</summary>
    public int FindMatch(EvaluationContext context)
    {
        var steps = _steps;
        var ruleEnds = _ruleEnds;
        var start = 0;
        for (var rule = 0; rule < ruleEnds.Length; rule++)
        {
            var end = ruleEnds[rule];
            var step = start;
            while (step < end && steps[step].Holds(context))
            {
                step++;
            }

            if (step == end)
            {
                return rule;
            }

            start = end;
        }

        return -1;
    }
}
