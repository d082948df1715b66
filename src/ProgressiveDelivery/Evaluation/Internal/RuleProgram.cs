using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// A flag's rules as one flat array of <see cref="ConditionStep"/>s (rule after rule, conditions in order, a rule without
/// conditions as one step that always holds), so that <see cref="FindMatch"/> tests them in one loop without a call per
/// rule or per common condition.
/// </summary>
internal sealed class RuleProgram
{
    private readonly ConditionStep[] _steps;

    private RuleProgram(ConditionStep[] steps)
    {
        _steps = steps;
    }

    public static RuleProgram Empty { get; } = new([]);

    public static RuleProgram Create(CompiledRule[] rules)
    {
        var count = 0;
        foreach (var rule in rules)
        {
            count += Math.Max(rule.Conditions.Length, 1);
        }

        var steps = new ConditionStep[count];
        var next = 0;
        for (var r = 0; r < rules.Length; r++)
        {
            var conditions = rules[r].Conditions;
            var nextRule = next + Math.Max(conditions.Length, 1);
            if (conditions.Length == 0)
            {
                steps[next++] = ConditionStep.Always() with { Rule = r, NextRule = nextRule, EndsRule = true };
                continue;
            }

            for (var c = 0; c < conditions.Length; c++)
            {
                steps[next++] = ConditionStep.From(conditions[c]) with { Rule = r, NextRule = nextRule, EndsRule = c == conditions.Length - 1 };
            }
        }

        return new RuleProgram(steps);
    }

    /// <summary>The index of the first rule whose conditions all hold (a rule without conditions always holds), or -1.</summary>
    public int FindMatch(EvaluationContext context)
    {
        // One loop over every step, one index: a step that holds moves to the next condition of its rule (or ends
        // with the rule's match), one that does not jumps to the next rule's first step.
        var steps = _steps;
        var i = 0;
        while ((uint)i < (uint)steps.Length)
        {
            ref readonly var step = ref steps[i];
            if (!step.Holds(context))
            {
                i = step.NextRule;
            }
            else if (step.EndsRule)
            {
                return step.Rule;
            }
            else
            {
                i++;
            }
        }

        return -1;
    }
}
