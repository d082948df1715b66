using System;
using System.Collections.Generic;
using System.Globalization;
using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>
/// Reads Microsoft.FeatureManagement 4.7.0 configuration as FM's <c>ConfigurationFeatureDefinitionProvider</c> does:
/// the current schema (<c>feature_management:feature_flags</c>, the last feature of an id winning) and the .NET schema
/// (<c>FeatureManagement:{name}</c>, for names the current schema does not define), keys case-insensitive.
/// </summary>
/// <remarks>
/// Everything FM would only reject when a feature is evaluated (an audience out of range, a percentile range out of
/// order, an invalid recurrence, an allocation without users) is rejected here, when reading, with the feature's name
/// and the configuration path; so is a filter we cannot evaluate. Such a feature is left out and every other one is
/// read. A feature whose name is not a valid flag key is left out too.
/// </remarks>
internal static partial class FeatureManagementReader
{
    public static List<FeatureManagementDefinition> Read(FeatureManagementNode root, TimeProvider timeProvider, List<DefinitionError> errors)
    {
        var definitions = new List<FeatureManagementDefinition>();
        var defined = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var features = root.GetSection("feature_management").GetSection("feature_flags").GetChildren();
        var lastOfId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < features.Count; i++)
        {
            if (features[i]["id"] is { Length: > 0 } id)
            {
                lastOfId[id] = i;
            }
        }

        for (var i = 0; i < features.Count; i++)
        {
            if (features[i]["id"] is { Length: > 0 } id && lastOfId[id] == i)
            {
                defined.Add(id);
                Add(definitions, ReadFeature(features[i], id, timeProvider, errors), errors);
            }
        }

        foreach (var feature in root.GetSection("FeatureManagement").GetChildren())
        {
            if (feature.Key.Length > 0 && !defined.Contains(feature.Key))
            {
                Add(definitions, ReadDotnetFeature(feature, timeProvider, errors), errors);
            }
        }

        return definitions;
    }

    private static void Add(List<FeatureManagementDefinition> definitions, FeatureManagementDefinition? definition, List<DefinitionError> errors)
    {
        if (definition is null)
        {
            return;
        }

        var keyLength = definition.Name.Length + (definition.Variants.Count > 0 ? FeatureManagementFlags.VariantFlagSuffix.Length : 0);
        if (!KeyFormat.IsValid(definition.Name) || keyLength > 128)
        {
            errors.Add(new DefinitionError(definition.Path, definition.Name, DefinitionErrorCodes.InvalidKey,
                $"The feature name '{definition.Name}' is not a flag key (1 to 128 characters from [A-Za-z0-9._-], starting with a letter or digit"
                + (definition.Variants.Count > 0 ? $", {128 - FeatureManagementFlags.VariantFlagSuffix.Length} at most for a feature with variants" : string.Empty)
                + "); the feature is left out."));
            return;
        }

        definitions.Add(definition);
    }

    /// <summary>A feature of the current schema (FM's <c>ParseMicrosoftSchemaFeatureDefinition</c>).</summary>
    private static FeatureManagementDefinition? ReadFeature(FeatureManagementNode node, string id, TimeProvider timeProvider, List<DefinitionError> errors)
    {
        var errorCount = errors.Count;
        var definition = new FeatureManagementDefinition(id, node.Path);
        var enabled = false;
        if (node["enabled"] is { Length: > 0 } rawEnabled && !bool.TryParse(rawEnabled, out enabled))
        {
            Error(errors, node.GetSection("enabled").Path, id, DefinitionErrorCodes.InvalidValue, $"'{rawEnabled}' is not a boolean (true or false).");
        }

        if (enabled)
        {
            var conditions = node.GetSection("conditions");
            definition.Conditional = true;
            definition.RequireAll = ReadRequirementType(conditions.GetSection("requirement_type"), id, errors);
            var filters = conditions.GetSection("client_filters").GetChildren();
            if (filters.Count == 0)
            {
                definition.Filters.Add(FeatureManagementAlwaysOnFilter.Instance);
            }

            foreach (var filter in filters)
            {
                if (IsIndex(filter.Key) && filter["name"] is { Length: > 0 } name)
                {
                    ReadFilter(definition, name, filter.GetSection("name").Path, filter.GetSection("parameters"), timeProvider, errors);
                }
            }
        }

        if (node.GetSection("allocation") is { Exists: true } allocation)
        {
            definition.Allocation = ReadAllocation(allocation, id, errors);
        }

        foreach (var variant in node.GetSection("variants").GetChildren())
        {
            if (IsIndex(variant.Key) && variant["name"] is { Length: > 0 } name)
            {
                bool? statusOverride = null;
                var rawOverride = variant["status_override"];
                if (!string.IsNullOrEmpty(rawOverride))
                {
                    statusOverride = rawOverride.Trim().ToUpperInvariant() switch
                    {
                        "NONE" or "0" => null,
                        "ENABLED" or "1" => true,
                        "DISABLED" or "2" => false,
                        _ => Error<bool?>(errors, variant.GetSection("status_override").Path, id, DefinitionErrorCodes.InvalidValue,
                            $"'{rawOverride}' is not a status override (None, Enabled or Disabled)."),
                    };
                }

                definition.Variants.Add(new FeatureManagementVariant(name, variant.GetSection("configuration_value").Text, statusOverride));
            }
        }

        return errors.Count == errorCount ? definition : null;
    }

    /// <summary>A feature of the .NET schema (FM's <c>ParseDotnetSchemaFeatureDefinition</c>): <c>true</c>, or <c>EnabledFor</c> filters.</summary>
    private static FeatureManagementDefinition? ReadDotnetFeature(FeatureManagementNode node, TimeProvider timeProvider, List<DefinitionError> errors)
    {
        var errorCount = errors.Count;
        var definition = new FeatureManagementDefinition(node.Key, node.Path) { Conditional = true };
        var raw = string.IsNullOrEmpty(node.Value) ? node["EnabledFor"] : node.Value;
        if (!string.IsNullOrEmpty(raw) && bool.TryParse(raw, out var on) && on)
        {
            definition.Filters.Add(FeatureManagementAlwaysOnFilter.Instance);
            return definition;
        }

        definition.RequireAll = ReadRequirementType(node.GetSection("RequirementType"), node.Key, errors);
        foreach (var filter in node.GetSection("EnabledFor").GetChildren())
        {
            if (IsIndex(filter.Key) && filter["Name"] is { Length: > 0 } name)
            {
                ReadFilter(definition, name, filter.GetSection("Name").Path, filter.GetSection("Parameters"), timeProvider, errors);
            }
        }

        return errors.Count == errorCount ? definition : null;
    }

    private static bool ReadRequirementType(FeatureManagementNode node, string feature, List<DefinitionError> errors) =>
        string.IsNullOrEmpty(node.Value) ? false : node.Value.Trim().ToUpperInvariant() switch
        {
            "ANY" or "0" => false,
            "ALL" or "1" => true,
            _ => Error<bool>(errors, node.Path, feature, DefinitionErrorCodes.InvalidValue, $"'{node.Value}' is not a requirement type (Any or All)."),
        };

    private static FeatureManagementAllocation ReadAllocation(FeatureManagementNode node, string feature, List<DefinitionError> errors)
    {
        var allocation = new FeatureManagementAllocation
        {
            DefaultWhenEnabled = node["default_when_enabled"],
            DefaultWhenDisabled = node["default_when_disabled"],
        };
        var seed = node.GetSection("seed");
        if (seed.Value is { Length: 0 })
        {
            Error(errors, seed.Path, feature, DefinitionErrorCodes.InvalidValue, "The seed is empty; leave it out to hash by the feature name.");
        }

        allocation.Hint = seed.Value ?? "allocation\n" + feature;
        foreach (var user in node.GetSection("user").GetChildren())
        {
            allocation.Users.Add((user["variant"], ReadRequiredStrings(user.GetSection("users"), feature, errors)));
        }

        foreach (var group in node.GetSection("group").GetChildren())
        {
            allocation.Groups.Add((group["variant"], ReadRequiredStrings(group.GetSection("groups"), feature, errors)));
        }

        foreach (var percentile in node.GetSection("percentile").GetChildren())
        {
            // FM parses these with the current culture (double.TryParse), unlike filter parameters.
            var from = ReadDouble(percentile.GetSection("from"), feature, CultureInfo.CurrentCulture, errors);
            var to = ReadDouble(percentile.GetSection("to"), feature, CultureInfo.CurrentCulture, errors);
            if (!(from >= 0 && from <= 100 && to >= 0 && to <= 100 && from <= to))
            {
                Error(errors, percentile.Path, feature, DefinitionErrorCodes.InvalidValue,
                    $"The percentile range [{from.ToString(CultureInfo.InvariantCulture)}, {to.ToString(CultureInfo.InvariantCulture)}) is not inside [0, 100] with from <= to.");
            }

            allocation.Percentiles.Add((percentile["variant"], from, to));
        }

        return allocation;
    }

    private static string[] ReadRequiredStrings(FeatureManagementNode node, string feature, List<DefinitionError> errors)
    {
        if (!node.Exists)
        {
            Error(errors, node.Path, feature, DefinitionErrorCodes.Missing, $"The allocation needs '{node.Key}' (Microsoft.FeatureManagement fails on every evaluation that reaches it without).");
        }

        return ReadStrings(node);
    }

    private static string[] ReadStrings(FeatureManagementNode node)
    {
        var values = new List<string>();
        foreach (var child in node.GetChildren())
        {
            if (child.Value is { } value)
            {
                values.Add(value);
            }
        }

        return [.. values];
    }

    private static double ReadDouble(FeatureManagementNode node, string feature, CultureInfo culture, List<DefinitionError> errors)
    {
        if (string.IsNullOrEmpty(node.Value))
        {
            return 0;
        }

        return double.TryParse(node.Value, NumberStyles.Float | NumberStyles.AllowThousands, culture, out var value)
            ? value
            : Error<double>(errors, node.Path, feature, DefinitionErrorCodes.InvalidNumber, $"'{node.Value}' is not a number.");
    }

    private static bool IsIndex(string key) => int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    private static void Error(List<DefinitionError> errors, string path, string feature, string code, string message) =>
        errors.Add(new DefinitionError(path, feature, code, $"Feature '{feature}': {message}"));

    private static T Error<T>(List<DefinitionError> errors, string path, string feature, string code, string message)
    {
        Error(errors, path, feature, code, message);
        return default!;
    }
}
