using System;
using System.Globalization;
using System.Text.Json;

namespace ProgressiveDelivery.Flags;

/// <summary>
/// The typed value of a variant: a boolean, a string, a number or a JSON document. Reading a value never allocates.
/// </summary>
public readonly struct FlagValue : IEquatable<FlagValue>
{
    private readonly double _number;
    private readonly object? _reference; // string for String, JsonHolder for Json

    private FlagValue(FlagValueKind kind, double number, object? reference)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
    }

    /// <summary>The boolean <see langword="true"/>.</summary>
    public static FlagValue True { get; } = new(FlagValueKind.Boolean, 1, null);

    /// <summary>The boolean <see langword="false"/>.</summary>
    public static FlagValue False { get; } = new(FlagValueKind.Boolean, 0, null);

    /// <summary>The type of this value; <see cref="FlagValueKind.None"/> for <c>default</c>.</summary>
    public FlagValueKind Kind { get; }

    /// <summary>Creates a boolean value.</summary>
    public static FlagValue FromBoolean(bool value) => value ? True : False;

    /// <summary>Creates a string value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static FlagValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(FlagValueKind.String, 0, value);
    }

    /// <summary>Creates a number value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static FlagValue FromNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A flag's number value must be finite.");
        }

        return new(FlagValueKind.Number, value, null);
    }

    /// <summary>Creates a JSON value from an object or array element. The element is cloned, so the caller may dispose its document.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a JSON object or array.</exception>
    public static FlagValue FromJson(JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new ArgumentException($"A JSON flag value must be an object or an array, not {value.ValueKind}.", nameof(value));
        }

        return new(FlagValueKind.Json, 0, new JsonHolder(value.Clone()));
    }

    /// <summary>Reads the boolean.</summary>
    /// <exception cref="InvalidOperationException">The value is not a boolean.</exception>
    public bool AsBoolean() => Kind == FlagValueKind.Boolean ? _number != 0 : throw WrongKind(FlagValueKind.Boolean);

    /// <summary>Reads the string.</summary>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString() => Kind == FlagValueKind.String ? (string)_reference! : throw WrongKind(FlagValueKind.String);

    /// <summary>Reads the number.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public double AsNumber() => Kind == FlagValueKind.Number ? _number : throw WrongKind(FlagValueKind.Number);

    /// <summary>Reads the JSON element (an object or array).</summary>
    /// <exception cref="InvalidOperationException">The value is not JSON.</exception>
    public JsonElement AsJson() => Kind == FlagValueKind.Json ? ((JsonHolder)_reference!).Element : throw WrongKind(FlagValueKind.Json);

    /// <summary>Reads the boolean without throwing.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = Kind == FlagValueKind.Boolean && _number != 0;
        return Kind == FlagValueKind.Boolean;
    }

    /// <summary>Reads the string without throwing.</summary>
    public bool TryGetString(out string? value)
    {
        value = Kind == FlagValueKind.String ? (string)_reference! : null;
        return Kind == FlagValueKind.String;
    }

    /// <summary>Reads the number without throwing.</summary>
    public bool TryGetNumber(out double value)
    {
        value = Kind == FlagValueKind.Number ? _number : 0;
        return Kind == FlagValueKind.Number;
    }

    /// <summary>Reads the JSON element without throwing.</summary>
    public bool TryGetJson(out JsonElement value)
    {
        value = Kind == FlagValueKind.Json ? ((JsonHolder)_reference!).Element : default;
        return Kind == FlagValueKind.Json;
    }

    /// <inheritdoc />
    public bool Equals(FlagValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            FlagValueKind.None => true,
            FlagValueKind.Boolean or FlagValueKind.Number => _number.Equals(other._number),
            FlagValueKind.String => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            _ => JsonEquals(((JsonHolder)_reference!).Element, ((JsonHolder)other._reference!).Element),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FlagValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        FlagValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_reference!)),
        FlagValueKind.Json => HashCode.Combine(Kind, ((JsonHolder)_reference!).Element.GetRawText().Length),
        _ => HashCode.Combine(Kind, _number),
    };

    /// <summary>The value as text: <c>true</c>/<c>false</c>, the string, the number in invariant culture, or the raw JSON.</summary>
    public override string ToString() => Kind switch
    {
        FlagValueKind.None => string.Empty,
        FlagValueKind.Boolean => _number != 0 ? "true" : "false",
        FlagValueKind.String => (string)_reference!,
        FlagValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        _ => ((JsonHolder)_reference!).Element.GetRawText(),
    };

    /// <summary>Compares two values for equality.</summary>
    public static bool operator ==(FlagValue left, FlagValue right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    public static bool operator !=(FlagValue left, FlagValue right) => !left.Equals(right);

#if NET9_0_OR_GREATER
    private static bool JsonEquals(JsonElement left, JsonElement right) => JsonElement.DeepEquals(left, right);
#else
    private static bool JsonEquals(JsonElement left, JsonElement right) =>
        string.Equals(left.GetRawText(), right.GetRawText(), StringComparison.Ordinal);
#endif

    private InvalidOperationException WrongKind(FlagValueKind expected) =>
        new($"The flag value is {Kind}, not {expected}.");

    private sealed class JsonHolder(JsonElement element)
    {
        public JsonElement Element { get; } = element;
    }
}
