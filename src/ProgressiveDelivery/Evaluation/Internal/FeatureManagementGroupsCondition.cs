using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>An FM group allocation matches: one of the context's groups (<see cref="FeatureManagementFlags.GroupsAttribute"/>) is listed (ordinal).</summary>
internal sealed class FeatureManagementGroupsCondition(FrozenSet<string> groups) : CompiledCondition(FeatureManagementFlags.GroupsAttribute)
{
    public override bool Matches(EvaluationContext context)
    {
        ref readonly var found = ref Find(context);
        if (Unsafe.IsNullRef(in found))
        {
            return false;
        }

        if (found.Kind == AttributeKind.String)
        {
            return groups.Contains(found.String);
        }

        if (found.Kind == AttributeKind.StringList)
        {
            foreach (var group in found.List)
            {
                if (group is not null && groups.Contains(group))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
