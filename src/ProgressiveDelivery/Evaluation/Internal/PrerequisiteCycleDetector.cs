using System.Collections.Generic;
using System.Text;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Finds prerequisite cycles by depth-first search and reports each back edge once as <c>a -&gt; b -&gt; c -&gt; a</c>,
/// at the prerequisite of the first flag of the cycle. (A cycle would make evaluation recurse without end.)
/// </summary>
internal sealed class PrerequisiteCycleDetector(DefinitionErrorCollector errors)
{
    private readonly Dictionary<CompiledFlag, bool> _state = []; // false: on the stack; true: done
    private readonly List<CompiledFlag> _stack = [];
    private readonly List<int> _edges = [];

    public void Check(IEnumerable<CompiledFlag> flags)
    {
        foreach (var flag in flags)
        {
            if (!_state.ContainsKey(flag))
            {
                Visit(flag);
            }
        }
    }

    private void Visit(CompiledFlag flag)
    {
        _state[flag] = false;
        _stack.Add(flag);
        _edges.Add(-1);
        var prerequisites = flag.Prerequisites;
        for (var i = 0; i < prerequisites.Length; i++)
        {
            var target = prerequisites[i].Flag;
            _edges[^1] = prerequisites[i].DefinitionIndex;
            if (!_state.TryGetValue(target, out var done))
            {
                Visit(target);
            }
            else if (!done)
            {
                Report(target);
            }
        }

        _stack.RemoveAt(_stack.Count - 1);
        _edges.RemoveAt(_edges.Count - 1);
        _state[flag] = true;
    }

    private void Report(CompiledFlag target)
    {
        var start = _stack.IndexOf(target);
        var cycle = new StringBuilder();
        for (var i = start; i < _stack.Count; i++)
        {
            cycle.Append(_stack[i].Key).Append(" -> ");
        }

        cycle.Append(target.Key);
        var path = DefinitionPath.Member(DefinitionPath.Item(DefinitionPath.Flag(target.Key), "prerequisites", _edges[start]), "flag");
        errors.Add(path, target.Key, DefinitionErrorCodes.PrerequisiteCycle, $"Prerequisites form a cycle: {cycle}.");
    }
}
