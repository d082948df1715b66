using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Globalization;
using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>The filters: names resolved as FM resolves them, parameters bound as configuration binding binds them (invariant culture, keys ignoring case).</summary>
internal static partial class FeatureManagementReader
{
    private const string TargetingAlias = "Microsoft.Targeting";
    private const string PercentageAlias = "Microsoft.Percentage";
    private const string TimeWindowAlias = "Microsoft.TimeWindow";

    private static void ReadFilter(FeatureManagementDefinition definition, string name, string namePath, FeatureManagementNode parameters, TimeProvider timeProvider, List<DefinitionError> errors)
    {
        var feature = definition.Name;
        FeatureManagementFilter? filter;
        if (string.Equals(name, "AlwaysOn", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "On", StringComparison.OrdinalIgnoreCase))
        {
            filter = FeatureManagementAlwaysOnFilter.Instance;
        }
        else if (IsMatchingName(TargetingAlias, name))
        {
            filter = ReadTargeting(feature, parameters, errors);
        }
        else if (IsMatchingName(PercentageAlias, name))
        {
            var value = parameters.GetSection("Value");
            filter = new FeatureManagementPercentageFilter(string.IsNullOrEmpty(value.Value) ? 0 : ReadInt(value, feature, errors));
        }
        else if (IsMatchingName(TimeWindowAlias, name))
        {
            filter = ReadTimeWindow(feature, parameters, timeProvider, errors);
        }
        else
        {
            Error(errors, namePath, feature, DefinitionErrorCodes.UnsupportedFilter,
                $"the feature filter '{name}' is not one ProgressiveDelivery can evaluate ({TargetingAlias}, {PercentageAlias}, {TimeWindowAlias}, AlwaysOn, "
                + "or their names without 'Microsoft.'); this feature is left out, every other feature still loads.");
            return;
        }

        if (filter is not null)
        {
            definition.Filters.Add(filter);
        }
    }

    /// <summary>FM's <c>FeatureManager.IsMatchingName</c> for a built-in alias: the whole alias when the name has a dot, else its last part; ignoring case.</summary>
    private static bool IsMatchingName(string alias, string name) =>
        string.Equals(name.Contains('.', StringComparison.Ordinal) ? alias : alias[(alias.LastIndexOf('.') + 1)..], name, StringComparison.OrdinalIgnoreCase);

    private static FeatureManagementTargetingFilter? ReadTargeting(string feature, FeatureManagementNode parameters, List<DefinitionError> errors)
    {
        var audience = parameters.GetSection("Audience");
        if (!audience.Exists)
        {
            Error(errors, audience.Path, feature, DefinitionErrorCodes.Missing, $"the {TargetingAlias} filter needs an Audience.");
            return null;
        }

        var groupRollouts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in audience.GetSection("Groups").GetChildren())
        {
            var name = group["Name"];
            var percentage = ReadPercentage(group.GetSection("RolloutPercentage"), feature, errors);
            if (name is null)
            {
                Error(errors, group.GetSection("Name").Path, feature, DefinitionErrorCodes.Missing, "a group rollout needs a Name.");
            }
            else
            {
                groupRollouts.TryAdd(name, percentage); // FM takes the first rollout of a group
            }
        }

        var exclusion = audience.GetSection("Exclusion");
        return new FeatureManagementTargetingFilter(
            feature,
            ReadStrings(audience.GetSection("Users")).ToFrozenSet(StringComparer.Ordinal),
            groupRollouts.ToFrozenDictionary(StringComparer.Ordinal),
            ReadPercentage(audience.GetSection("DefaultRolloutPercentage"), feature, errors),
            ReadStrings(exclusion.GetSection("Users")).ToFrozenSet(StringComparer.Ordinal),
            ReadStrings(exclusion.GetSection("Groups")).ToFrozenSet(StringComparer.Ordinal));
    }

    private static double ReadPercentage(FeatureManagementNode node, string feature, List<DefinitionError> errors)
    {
        var value = 0.0;
        var text = node.Value;
        if (text is not null && !double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            Error(errors, node.Path, feature, DefinitionErrorCodes.InvalidNumber, $"'{text}' is not a number.");
        }
        else if (!(value >= 0 && value <= 100))
        {
            Error(errors, node.Path, feature, DefinitionErrorCodes.InvalidValue, $"{text} is not a percentage in [0, 100].");
        }

        return value;
    }

    private static int ReadInt(FeatureManagementNode node, string feature, List<DefinitionError> errors) =>
        int.TryParse(node.Value!.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : Error<int>(errors, node.Path, feature, DefinitionErrorCodes.InvalidNumber, $"'{node.Value}' is not a whole number.");

    /// <summary>A <c>DateTimeOffset</c> as configuration binding reads it: invariant culture, local time when the text has no offset; empty for none.</summary>
    private static DateTimeOffset? ReadDate(FeatureManagementNode node, string feature, List<DefinitionError> errors)
    {
        if (string.IsNullOrWhiteSpace(node.Value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(node.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : Error<DateTimeOffset?>(errors, node.Path, feature, DefinitionErrorCodes.InvalidDate, $"'{node.Value}' is not a date and time.");
    }

    private static TEnum ReadEnum<TEnum>(FeatureManagementNode node, TEnum defaultValue, string feature, List<DefinitionError> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(node.Value))
        {
            return defaultValue;
        }

        return Enum.TryParse<TEnum>(node.Value, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : Error<TEnum>(errors, node.Path, feature, DefinitionErrorCodes.InvalidValue,
                $"'{node.Value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}
