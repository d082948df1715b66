using System;
using System.Text.Json;

namespace ProgressiveDelivery.Flags;

/// <summary>Typed variant helpers.</summary>
public sealed partial class FlagBuilder
{
    /// <summary>Adds the boolean variants <c>on</c> (<see langword="true"/>) and <c>off</c> (<see langword="false"/>).</summary>
    /// <returns>This builder.</returns>
    public FlagBuilder BooleanVariants() => Variant("on", true).Variant("off", false);

    /// <summary>Adds a variant with a value of any kind.</summary>
    /// <param name="name">The variant name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty, or <paramref name="value"/> is <c>default</c>.</exception>
    public FlagBuilder Variant(string name, FlagValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (value.Kind == FlagValueKind.None)
        {
            throw new ArgumentException("The variant needs a value; default(FlagValue) has none.", nameof(value));
        }

        Definition.Variants.Add(new VariantDefinition(name, value));
        return this;
    }

    /// <summary>Adds a boolean variant.</summary>
    /// <param name="name">The variant name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty.</exception>
    public FlagBuilder Variant(string name, bool value) => Variant(name, FlagValue.FromBoolean(value));

    /// <summary>Adds a string variant.</summary>
    /// <param name="name">The variant name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty, or <paramref name="value"/> is <see langword="null"/>.</exception>
    public FlagBuilder Variant(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Variant(name, FlagValue.FromString(value));
    }

    /// <summary>Adds a number variant.</summary>
    /// <param name="name">The variant name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public FlagBuilder Variant(string name, double value) => Variant(name, FlagValue.FromNumber(value));

    /// <summary>Adds a JSON variant (an object or array); the element is copied.</summary>
    /// <param name="name">The variant name.</param>
    /// <param name="value">The JSON object or array.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty, or <paramref name="value"/> is not an object or array.</exception>
    public FlagBuilder Variant(string name, JsonElement value) => Variant(name, FlagValue.FromJson(value));

    /// <summary>Adds a JSON variant from JSON text (an object or array).</summary>
    /// <param name="name">The variant name.</param>
    /// <param name="json">The JSON text of an object or array.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty, or <paramref name="json"/> is not the JSON of an object or array.</exception>
    public FlagBuilder JsonVariant(string name, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The text is not valid JSON: {exception.Message}", nameof(json), exception);
        }

        using (document)
        {
            return Variant(name, FlagValue.FromJson(document.RootElement));
        }
    }

    /// <summary>Adds boolean variants.</summary>
    /// <param name="variants">The names and values.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A name is <see langword="null"/> or empty.</exception>
    public FlagBuilder Variants(params (string Name, bool Value)[] variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        foreach (var (name, value) in variants)
        {
            Variant(name, value);
        }

        return this;
    }

    /// <summary>Adds string variants.</summary>
    /// <param name="variants">The names and values.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A name is <see langword="null"/> or empty, or a value is <see langword="null"/>.</exception>
    public FlagBuilder Variants(params (string Name, string Value)[] variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        foreach (var (name, value) in variants)
        {
            Variant(name, value);
        }

        return this;
    }

    /// <summary>Adds number variants.</summary>
    /// <param name="variants">The names and values.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A name is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public FlagBuilder Variants(params (string Name, double Value)[] variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        foreach (var (name, value) in variants)
        {
            Variant(name, value);
        }

        return this;
    }

    /// <summary>Adds variants with values of any kind.</summary>
    /// <param name="variants">The names and values.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A name is <see langword="null"/> or empty, or a value is <c>default</c>.</exception>
    public FlagBuilder Variants(params (string Name, FlagValue Value)[] variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        foreach (var (name, value) in variants)
        {
            Variant(name, value);
        }

        return this;
    }
}
