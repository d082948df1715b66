using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Turns the <c>flags</c>, <c>segments</c> and <c>rollouts</c> of a configuration section back into a JSON document in our format, so that
/// <see cref="Flags.FlagSetJson"/> reads it and reports every error with its JSON path.
/// </summary>
/// <remarks>
/// Configuration keeps every value as a string and arrays as children keyed 0, 1, 2... Values are typed by their
/// position in the format: booleans (<c>enabled</c>, <c>caseSensitive</c>) and numbers (split percentages) where the
/// format expects them, strings elsewhere. Where the format accepts several types, the text decides:
/// <c>true</c>/<c>false</c> (any case) is a boolean and a JSON number literal a number, else a string; the variants of
/// one flag are booleans when all are, numbers when all are, else strings. A value that cannot have the expected type
/// is written as a string, so the reader reports <c>wrong_type</c> at its path. An empty object or array (<c>{}</c>,
/// <c>[]</c>) reaches configuration as a key without value and is written as the empty value its position expects.
/// </remarks>
internal static partial class ConfigurationFlagsJson
{
    private enum Shape
    {
        Any,
        String,
        Boolean,
        Number,
        Flag,
        Segment,
        Prerequisite,
        Rule,
        Condition,
        Variants,
        Split,
        Operand,
    }

    /// <summary>Writes the definitions held by <paramref name="section"/> as JSON.</summary>
    public static string Write(IConfiguration section) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "FLAGS":
                    writer.WritePropertyName("flags");
                    WriteMap(writer, child, Shape.Flag);
                    break;
                case "SEGMENTS":
                    writer.WritePropertyName("segments");
                    WriteMap(writer, child, Shape.Segment);
                    break;
                case "ROLLOUTS":
                    writer.WritePropertyName("rollouts");
                    WriteAny(writer, child); // typed by the text: true/false and number literals, arrays by 0, 1, 2... keys
                    break;
                case "$SCHEMA":
                    writer.WritePropertyName("$schema");
                    Write(writer, child, Shape.String);
                    break;
                default:
                    break; // Options of the integration share the section; only the definitions are written.
            }
        }

        writer.WriteEndObject();
    });

    private static void Write(Utf8JsonWriter writer, IConfigurationSection section, Shape shape)
    {
        switch (shape)
        {
            case Shape.Flag:
            case Shape.Segment:
            case Shape.Prerequisite:
            case Shape.Rule:
            case Shape.Condition:
                WriteObject(writer, section, shape);
                break;
            case Shape.Variants:
                WriteVariants(writer, section);
                break;
            case Shape.Split:
                WriteMap(writer, section, Shape.Number);
                break;
            default:
                WriteValue(writer, section, shape);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, IConfigurationSection section, Shape shape)
    {
        if (IsScalar(section))
        {
            writer.WriteStringValue(section.Value); // a scalar where an object belongs: the reader reports wrong_type
            return;
        }

        writer.WriteStartObject();
        foreach (var child in section.GetChildren())
        {
            writer.WritePropertyName(child.Key);
            var (fieldShape, isArray) = FieldShape(shape, child.Key);
            if (isArray)
            {
                WriteArray(writer, child, fieldShape);
            }
            else
            {
                Write(writer, child, fieldShape);
            }
        }

        writer.WriteEndObject();
    }

    private static (Shape Shape, bool IsArray) FieldShape(Shape owner, string field) => (owner, field) switch
    {
        (Shape.Flag, "enabled") => (Shape.Boolean, false),
        (Shape.Flag, "variants") => (Shape.Variants, false),
        (Shape.Flag, "defaultSplit") => (Shape.Split, false),
        (Shape.Flag, "prerequisites") => (Shape.Prerequisite, true),
        (Shape.Flag, "rules") => (Shape.Rule, true),
        (Shape.Flag, "tags") => (Shape.String, true),
        (Shape.Segment, "included" or "excluded") => (Shape.String, true),
        (Shape.Segment, "conditions") => (Shape.Condition, true),
        (Shape.Prerequisite, "variants") => (Shape.String, true),
        (Shape.Rule, "conditions") => (Shape.Condition, true),
        (Shape.Rule, "split") => (Shape.Split, false),
        (Shape.Condition, "caseSensitive") => (Shape.Boolean, false),
        (Shape.Condition, "value") => (Shape.Operand, false),
        (Shape.Condition, "values") => (Shape.Operand, true),
        (_, "kind" or "description" or "comment" or "offVariant" or "defaultVariant" or "salt" or "bucketBy" or "owner"
            or "created" or "expires" or "flag" or "name" or "variant" or "attribute" or "operator") => (Shape.String, false),
        _ => (Shape.Any, false), // an unknown field: written as it looks, for the reader to report
    };

    private static void WriteMap(Utf8JsonWriter writer, IConfigurationSection section, Shape valueShape)
    {
        if (IsScalar(section))
        {
            writer.WriteStringValue(section.Value);
            return;
        }

        writer.WriteStartObject();
        foreach (var child in section.GetChildren())
        {
            writer.WritePropertyName(child.Key);
            Write(writer, child, valueShape);
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, IConfigurationSection section, Shape itemShape)
    {
        if (IsScalar(section))
        {
            writer.WriteStringValue(section.Value);
            return;
        }

        var children = new List<IConfigurationSection>(section.GetChildren());
        if (!IsArray(children))
        {
            WriteAny(writer, section); // named children where an array belongs: the reader reports wrong_type
            return;
        }

        writer.WriteStartArray();
        foreach (var child in children)
        {
            Write(writer, child, itemShape);
        }

        writer.WriteEndArray();
    }

    private static void WriteVariants(Utf8JsonWriter writer, IConfigurationSection section)
    {
        if (IsScalar(section))
        {
            writer.WriteStringValue(section.Value);
            return;
        }

        var children = new List<IConfigurationSection>(section.GetChildren());
        var allBoolean = true;
        var allNumber = true;
        foreach (var child in children)
        {
            if (child.Value is { } value)
            {
                allBoolean &= IsBoolean(value);
                allNumber &= IsNumber(value);
            }
        }

        var leafShape = allBoolean ? Shape.Boolean : allNumber ? Shape.Number : Shape.String;
        writer.WriteStartObject();
        foreach (var child in children)
        {
            writer.WritePropertyName(child.Key);
            if (child.Value is null)
            {
                WriteAny(writer, child); // a JSON variant: an object or array
            }
            else
            {
                WriteValue(writer, child, leafShape);
            }
        }

        writer.WriteEndObject();
    }
}
