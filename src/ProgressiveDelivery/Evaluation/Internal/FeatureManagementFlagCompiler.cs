using System.Collections.Frozen;
using System.Collections.Generic;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Compiles an FM feature into our flags: the boolean flag <c>{name}</c>, on exactly when FM's <c>IsEnabledAsync</c>
/// is true, and, for a feature with variants, the string flag <c>{name}.variant</c>, serving the variant FM's
/// <c>GetVariantAsync</c> assigns (its value the variant's <c>configuration_value</c>; a <see langword="null"/>
/// variant name where FM assigns none).
/// </summary>
/// <remarks>
/// Both flags are ordinary rules. The first rule holds when the filters do not enable the feature and serves the
/// <c>default_when_disabled</c> outcome, so the filters are evaluated once per evaluation (which matters for the random
/// <c>Microsoft.Percentage</c>); then one rule per user, group and percentile allocation, in FM's order; the default
/// serves the <c>default_when_enabled</c> outcome, so a rollout on the flag (which replaces its default with its split)
/// decides for the users FM enables and no allocation assigns. The boolean flag serves <c>on</c> where the variant
/// flag serves a variant without a status override, and the override where there is one, as FM's <c>FeatureManager</c>.
/// </remarks>
internal static class FeatureManagementFlagCompiler
{
    private const int On = 0;
    private const int Off = 1;

    public static List<CompiledFlag> Compile(FeatureManagementDefinition definition)
    {
        var filters = definition.Filters.ToArray();
        CompiledCondition notEnabled = new FeatureManagementFiltersCondition(filters, definition.RequireAll, negate: true);
        var enabledFlag = new CompiledFlag(definition.Name, definition.Conditional, FlagValueKind.Boolean, ["on", "off"], [FlagValue.True, FlagValue.False], Off);
        if (definition.Variants.Count == 0)
        {
            enabledFlag.Rules = [new CompiledRule([notEnabled], CompiledServe.Fixed(Off))];
            enabledFlag.Default = CompiledServe.Fixed(On);
            return [enabledFlag];
        }

        // Our variants: FM's, the first of equal names (FM finds the first), then the null variant for "none".
        var names = new List<string>();
        var values = new List<FlagValue>();
        var overrides = new List<bool?>();
        foreach (var variant in definition.Variants)
        {
            if (!names.Contains(variant.Name))
            {
                names.Add(variant.Name);
                values.Add(FlagValue.FromString(variant.Value));
                overrides.Add(variant.StatusOverride);
            }
        }

        var none = names.Count;
        names.Add(null!);
        values.Add(FlagValue.FromString(string.Empty));
        overrides.Add(null);
        int Find(string? name) => name is not null && names.IndexOf(name) is >= 0 and var index && index < none ? index : none;

        var steps = new List<(CompiledCondition Match, int Variant)>();
        var allocation = definition.Allocation;
        var whenDisabled = Find(allocation?.DefaultWhenDisabled);
        var whenEnabled = Find(allocation?.DefaultWhenEnabled);
        if (allocation is not null)
        {
            // An allocation without a variant name assigns nothing and stops, so default_when_enabled applies; a name
            // that is not a variant assigns none (and default_when_enabled does not apply), as in FM.
            foreach (var (variant, users) in allocation.Users)
            {
                steps.Add((new FeatureManagementUsersCondition(users.ToFrozenSet()), string.IsNullOrEmpty(variant) ? whenEnabled : Find(variant)));
            }

            foreach (var (variant, groups) in allocation.Groups)
            {
                steps.Add((new FeatureManagementGroupsCondition(groups.ToFrozenSet()), string.IsNullOrEmpty(variant) ? whenEnabled : Find(variant)));
            }

            foreach (var (variant, from, to) in allocation.Percentiles)
            {
                steps.Add((new FeatureManagementPercentileCondition(allocation.Hint, from, to), string.IsNullOrEmpty(variant) ? whenEnabled : Find(variant)));
            }
        }

        var variantRules = new CompiledRule[steps.Count + 1];
        var enabledRules = new CompiledRule[steps.Count + 1];
        variantRules[0] = new CompiledRule([notEnabled], CompiledServe.Fixed(whenDisabled));
        enabledRules[0] = new CompiledRule([notEnabled], CompiledServe.Fixed(overrides[whenDisabled] is { } disabledOverride ? (disabledOverride ? On : Off) : Off));
        for (var i = 0; i < steps.Count; i++)
        {
            var (match, variant) = steps[i];
            variantRules[i + 1] = new CompiledRule([match], CompiledServe.Fixed(variant));
            enabledRules[i + 1] = new CompiledRule([match], CompiledServe.Fixed(OnUnlessOverridden(variant)));
        }

        enabledFlag.Rules = enabledRules;
        enabledFlag.Default = CompiledServe.Fixed(OnUnlessOverridden(whenEnabled));
        var variantFlag = new CompiledFlag(definition.Name + FeatureManagementFlags.VariantFlagSuffix, definition.Conditional, FlagValueKind.String, [.. names], [.. values], whenDisabled)
        {
            Rules = variantRules,
            Default = CompiledServe.Fixed(whenEnabled),
        };
        return [enabledFlag, variantFlag];

        int OnUnlessOverridden(int variant) => overrides[variant] is { } statusOverride ? (statusOverride ? On : Off) : On;
    }
}
