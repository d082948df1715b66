using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>
/// Writes a <see cref="FlagSet"/> in the format <see cref="FlagSetJsonReader"/> reads. Fields at their default and
/// empty lists are left out, except <c>kind</c> and <c>enabled</c>, which a reader of the document wants to see, and a
/// rule's <c>conditions</c>, which the format requires. Definitions built in code need not be valid: null entries are
/// skipped and a non-finite percentage is written as a string, so that writing never throws and reading the result
/// reports what is wrong.
/// </summary>
internal static class FlagSetJsonWriter
{
    public static void Write(Utf8JsonWriter writer, FlagSet set)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("flags");
        foreach (var flag in set.Flags)
        {
            if (flag is null)
            {
                continue;
            }

            writer.WritePropertyName(flag.Key ?? string.Empty);
            WriteFlag(writer, flag);
        }

        writer.WriteEndObject();
        if (set.Segments.Count > 0)
        {
            writer.WriteStartObject("segments");
            foreach (var segment in set.Segments)
            {
                if (segment is null)
                {
                    continue;
                }

                writer.WritePropertyName(segment.Key ?? string.Empty);
                WriteSegment(writer, segment);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteFlag(Utf8JsonWriter writer, FlagDefinition flag)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", FlagJsonNames.KindName(flag.Kind));
        writer.WriteBoolean("enabled", flag.Enabled);
        WriteOptional(writer, "description", flag.Description);
        if (flag.Variants.Count > 0)
        {
            writer.WriteStartObject("variants");
            foreach (var variant in flag.Variants)
            {
                if (variant is null)
                {
                    continue;
                }

                writer.WritePropertyName(variant.Name ?? string.Empty);
                WriteValue(writer, variant.Value);
            }

            writer.WriteEndObject();
        }

        WriteOptional(writer, "offVariant", flag.OffVariant);
        if (flag.Prerequisites.Count > 0)
        {
            writer.WriteStartArray("prerequisites");
            foreach (var prerequisite in flag.Prerequisites)
            {
                if (prerequisite is null)
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("flag", prerequisite.Flag ?? string.Empty);
                WriteStrings(writer, "variants", prerequisite.Variants);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (flag.Rules.Count > 0)
        {
            writer.WriteStartArray("rules");
            foreach (var rule in flag.Rules)
            {
                if (rule is not null)
                {
                    WriteRule(writer, rule);
                }
            }

            writer.WriteEndArray();
        }

        WriteOptional(writer, "defaultVariant", flag.DefaultVariant);
        WriteSplit(writer, "defaultSplit", flag.DefaultSplit);
        WriteOptional(writer, "salt", flag.Salt);
        WriteOptional(writer, "bucketBy", flag.BucketBy);
        WriteOptional(writer, "owner", flag.Owner);
        WriteDate(writer, "created", flag.Created);
        WriteDate(writer, "expires", flag.Expires);
        WriteStrings(writer, "tags", flag.Tags);
        writer.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter writer, RuleDefinition rule)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "name", rule.Name);
        WriteConditions(writer, rule.Conditions, required: true);
        WriteOptional(writer, "variant", rule.Variant);
        WriteSplit(writer, "split", rule.Split);
        writer.WriteEndObject();
    }

    private static void WriteSegment(Utf8JsonWriter writer, SegmentDefinition segment)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "description", segment.Description);
        WriteStrings(writer, "included", segment.Included);
        WriteStrings(writer, "excluded", segment.Excluded);
        WriteConditions(writer, segment.Conditions, required: false);
        writer.WriteEndObject();
    }

    private static void WriteConditions(Utf8JsonWriter writer, IList<ConditionDefinition> conditions, bool required)
    {
        if ((conditions is null || conditions.Count == 0) && !required)
        {
            return;
        }

        writer.WriteStartArray("conditions");
        foreach (var condition in conditions ?? [])
        {
            if (condition is null)
            {
                continue;
            }

            writer.WriteStartObject();
            if (!string.IsNullOrEmpty(condition.Attribute))
            {
                writer.WriteString("attribute", condition.Attribute);
            }

            writer.WriteString("operator", FlagJsonNames.OperatorName(condition.Operator));
            if (condition.Values is { Count: 1 })
            {
                writer.WriteString("value", condition.Values[0]);
            }
            else
            {
                WriteStrings(writer, "values", condition.Values);
            }

            if (!condition.CaseSensitive)
            {
                writer.WriteBoolean("caseSensitive", false);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteSplit(Utf8JsonWriter writer, string name, IList<WeightedVariant> split)
    {
        if (split is null || split.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var arm in split)
        {
            if (arm is null)
            {
                continue;
            }

            if (double.IsFinite(arm.Percent))
            {
                writer.WriteNumber(arm.Variant ?? string.Empty, arm.Percent);
            }
            else
            {
                writer.WriteString(arm.Variant ?? string.Empty, arm.Percent.ToString(CultureInfo.InvariantCulture));
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, FlagValue value)
    {
        switch (value.Kind)
        {
            case FlagValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case FlagValueKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case FlagValueKind.Number:
                writer.WriteNumberValue(value.AsNumber());
                break;
            case FlagValueKind.Json:
                value.AsJson().WriteTo(writer);
                break;
            default:
                // A variant without a value is invalid; null keeps the document readable and fails on reading.
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? date)
    {
        if (date is not { } value)
        {
            return;
        }

        var text = value.Offset == TimeSpan.Zero && value.TimeOfDay == TimeSpan.Zero
            ? value.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture)
            : value.ToString(
                value.Offset == TimeSpan.Zero ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF'Z'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFFzzz",
                CultureInfo.InvariantCulture);
        writer.WriteString(name, text);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IList<string> values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
