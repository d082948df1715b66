using System;
using System.Text.Json;

namespace ProgressiveDelivery.Analysis.Sequential.Internal;

/// <summary>Reads the members of a serialised test state, failing with a message that names the member.</summary>
internal static class StateJson
{
    /// <summary>The version written in every state; a reader refuses other versions.</summary>
    public const int Version = 1;

    /// <summary>Checks that <paramref name="element"/> is an object of the expected kind and version.</summary>
    /// <exception cref="FormatException">It is not.</exception>
    public static void RequireHeader(JsonElement element, string kind)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A {kind} state must be a JSON object.");
        }

        if (GetString(element, "kind") != kind)
        {
            throw new FormatException($"The JSON object is not a {kind} state.");
        }

        if (GetInt64(element, "version") != Version)
        {
            throw new FormatException($"Unsupported {kind} state version; expected {Version}.");
        }
    }

    /// <summary>Writes the kind and version members.</summary>
    public static void WriteHeader(Utf8JsonWriter writer, string kind)
    {
        writer.WriteString("kind", kind);
        writer.WriteNumber("version", Version);
    }

    /// <summary>A required number member.</summary>
    /// <exception cref="FormatException">It is missing or not a number.</exception>
    public static double GetDouble(JsonElement element, string name) =>
        Get(element, name, JsonValueKind.Number).TryGetDouble(out var value)
            ? value
            : throw new FormatException($"The member '{name}' is not a double.");

    /// <summary>A required integer member.</summary>
    /// <exception cref="FormatException">It is missing or not an integer.</exception>
    public static long GetInt64(JsonElement element, string name) =>
        Get(element, name, JsonValueKind.Number).TryGetInt64(out var value)
            ? value
            : throw new FormatException($"The member '{name}' is not an integer.");

    /// <summary>A required Boolean member.</summary>
    /// <exception cref="FormatException">It is missing or not a Boolean.</exception>
    public static bool GetBoolean(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var member) || member.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new FormatException($"The member '{name}' is missing or not a Boolean.");
        }

        return member.GetBoolean();
    }

    /// <summary>A required string member.</summary>
    /// <exception cref="FormatException">It is missing or not a string.</exception>
    public static string GetString(JsonElement element, string name) => Get(element, name, JsonValueKind.String).GetString()!;

    /// <summary>A number member that may be null or absent.</summary>
    /// <exception cref="FormatException">It is present and neither null nor a number.</exception>
    public static double? GetOptionalDouble(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null ? null : GetDouble(element, name);

    /// <summary>Fills <paramref name="destination"/> from a required array of numbers of exactly its length.</summary>
    /// <exception cref="FormatException">The member is missing, of another length, or holds a non-number.</exception>
    public static void ReadDoubles(JsonElement element, string name, Span<double> destination)
    {
        var array = Get(element, name, JsonValueKind.Array);
        if (array.GetArrayLength() != destination.Length)
        {
            throw new FormatException($"The member '{name}' must hold {destination.Length} numbers.");
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var value))
            {
                throw new FormatException($"The member '{name}' holds a value that is not a number.");
            }

            destination[i++] = value;
        }
    }

    /// <summary>Fills <paramref name="destination"/> from a required array of integers of exactly its length.</summary>
    /// <exception cref="FormatException">The member is missing, of another length, or holds a non-integer.</exception>
    public static void ReadInt64s(JsonElement element, string name, Span<long> destination)
    {
        var array = Get(element, name, JsonValueKind.Array);
        if (array.GetArrayLength() != destination.Length)
        {
            throw new FormatException($"The member '{name}' must hold {destination.Length} integers.");
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value))
            {
                throw new FormatException($"The member '{name}' holds a value that is not an integer.");
            }

            destination[i++] = value;
        }
    }

    /// <summary>Writes an array of numbers (shortest round-trippable form, so reading it back is bit-exact).</summary>
    public static void WriteDoubles(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an array of integers.</summary>
    public static void WriteInt64s(Utf8JsonWriter writer, string name, ReadOnlySpan<long> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static JsonElement Get(JsonElement element, string name, JsonValueKind kind)
    {
        if (!element.TryGetProperty(name, out var member) || member.ValueKind != kind)
        {
            throw new FormatException($"The member '{name}' is missing or not a JSON {kind}.");
        }

        return member;
    }
}
