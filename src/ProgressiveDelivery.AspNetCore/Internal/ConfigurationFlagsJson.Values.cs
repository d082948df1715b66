using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Writing configuration values as typed JSON values, and recognising literals.</summary>
internal static partial class ConfigurationFlagsJson
{
    private static void WriteValue(Utf8JsonWriter writer, IConfigurationSection section, Shape shape)
    {
        var value = section.Value;
        if (value is null)
        {
            WriteAny(writer, section);
            return;
        }

        switch (shape)
        {
            case Shape.Boolean when IsBoolean(value):
                writer.WriteBooleanValue(bool.Parse(value));
                break;
            case Shape.Number when IsNumber(value):
                writer.WriteRawValue(value, skipInputValidation: true);
                break;
            case Shape.Operand or Shape.Any when IsBoolean(value):
                writer.WriteBooleanValue(bool.Parse(value));
                break;
            case Shape.Operand or Shape.Any when IsNumber(value):
                writer.WriteRawValue(value, skipInputValidation: true);
                break;
            default:
                writer.WriteStringValue(value);
                break;
        }
    }

    /// <summary>Writes a section whose type the format leaves open (JSON variant values, unknown fields).</summary>
    private static void WriteAny(Utf8JsonWriter writer, IConfigurationSection section)
    {
        if (section.Value is not null)
        {
            WriteValue(writer, section, Shape.Any);
            return;
        }

        var children = new List<IConfigurationSection>(section.GetChildren());
        if (children.Count > 0 && IsArray(children))
        {
            writer.WriteStartArray();
            foreach (var child in children)
            {
                WriteAny(writer, child);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var child in children)
        {
            writer.WritePropertyName(child.Key);
            WriteAny(writer, child);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Whether the section is a plain value. An empty object or array reaches configuration as a key whose value is
    /// <see langword="null"/> or empty, without children: it is no scalar where an object, array or map is expected.
    /// </summary>
    private static bool IsScalar(IConfigurationSection section) => section.Value is { Length: > 0 };

    private static bool IsArray(List<IConfigurationSection> children)
    {
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true; // configuration orders numeric keys numerically
    }

    private static bool IsBoolean(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the text is a JSON number literal: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    internal static bool IsNumber(string value)
    {
        var i = 0;
        var length = value.Length;
        if (i < length && value[i] == '-')
        {
            i++;
        }

        if (i >= length || !char.IsAsciiDigit(value[i]))
        {
            return false;
        }

        if (value[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }
        }

        if (i < length && value[i] == '.')
        {
            i++;
            var start = i;
            while (i < length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < length && (value[i] == 'e' || value[i] == 'E'))
        {
            i++;
            if (i < length && (value[i] == '+' || value[i] == '-'))
            {
                i++;
            }

            var start = i;
            while (i < length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == length;
    }
}
