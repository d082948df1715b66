using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Whether an FM feature's filters enable it (or, negated, do not), as FM's <c>FeatureManager</c> combines them: no
/// filter disables; under <c>Any</c> the first filter that passes enables, under <c>All</c> the first that fails
/// disables, and <c>AlwaysOn</c> enables under Any and is skipped under All. The targeting context is the targeting
/// key (FM's <c>UserId</c>) and the string or string-list attribute <see cref="FeatureManagementFlags.GroupsAttribute"/> (its <c>Groups</c>).
/// </summary>
internal sealed class FeatureManagementFiltersCondition(FeatureManagementFilter[] filters, bool requireAll, bool negate)
    : CompiledCondition(FeatureManagementFlags.GroupsAttribute)
{
    public override bool Matches(EvaluationContext context) => IsEnabled(context) != negate;

    /// <summary>
    /// Known without a context: no filter (never enabled); under Any, an <c>AlwaysOn</c> filter (always enabled, whatever
    /// comes before it); under All, nothing but <c>AlwaysOn</c> filters (always enabled).
    /// </summary>
    public override bool? Constant => filters.Length == 0
        ? negate
        : (!requireAll && Array.Exists(filters, static f => f is FeatureManagementAlwaysOnFilter))
          || (requireAll && Array.TrueForAll(filters, static f => f is FeatureManagementAlwaysOnFilter))
            ? !negate
            : null;

    private bool IsEnabled(EvaluationContext context)
    {
        if (filters.Length == 0)
        {
            return false;
        }

        // FM's Groups: a string list, or a single string as a list of one.
        var single = string.Empty;
        scoped ReadOnlySpan<string> groups = default;
        ref readonly var found = ref Find(context);
        if (!Unsafe.IsNullRef(in found))
        {
            if (found.Kind == AttributeKind.StringList)
            {
                groups = found.List;
            }
            else if (found.Kind == AttributeKind.String)
            {
                single = found.String;
                groups = MemoryMarshal.CreateReadOnlySpan(ref single, 1);
            }
        }

        var userId = context.TargetingKey;
        foreach (var filter in filters)
        {
            if (filter is FeatureManagementAlwaysOnFilter)
            {
                if (!requireAll)
                {
                    return true;
                }

                continue;
            }

            if (filter.Evaluate(userId, groups) != requireAll)
            {
                return !requireAll;
            }
        }

        return requireAll;
    }
}
