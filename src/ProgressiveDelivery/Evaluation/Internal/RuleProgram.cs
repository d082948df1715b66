using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
                steps[next] = ConditionStep.Always() with { Rule = r, Skip = nextRule - next, EndsRule = true };
                next++;
                continue;
            }

            for (var c = 0; c < conditions.Length; c++)
            {
                steps[next] = ConditionStep.From(conditions[c]) with { Rule = r, Skip = nextRule - next, EndsRule = c == conditions.Length - 1 };
                next++;
            }
        }

        return new RuleProgram(steps);
    }

    /// <summary>The index of the first rule whose conditions all hold (a rule without conditions always holds), or -1.</summary>
    public int FindMatch(EvaluationContext context)
    {
        // One loop over every step: a step that holds moves to the next condition of its rule (or ends with the rule's
        // match), one that does not skips to the next rule's first step.
        //
        // The loop walks a reference, never an index loaded from the step: the next step's address must not wait for
        // a load from this one (a load, a multiply and an add, about 9 cycles a step, were most of a rule's cost). A
        // failed step moves 1 step on (the last condition of its rule: the common case) or Skip steps on, chosen by a
        // branch, which the processor predicts, rather than by the loaded Skip itself.
        var steps = _steps;
        ref var step = ref MemoryMarshal.GetArrayDataReference(steps);
        ref var end = ref Unsafe.Add(ref step, steps.Length);
        while (Unsafe.IsAddressLessThan(ref step, ref end))
        {
            if (step.Holds(context))
            {
                if (step.EndsRule)
                {
                    return step.Rule;
                }

                step = ref Unsafe.Add(ref step, 1);
            }
            else if (step.EndsRule)
            {
                step = ref Unsafe.Add(ref step, 1);
            }
            else
            {
                step = ref Unsafe.Add(ref step, step.Skip);
            }
        }

        return -1;
    }
}
