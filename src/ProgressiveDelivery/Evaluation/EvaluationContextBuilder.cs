using System;
using System.Collections.Generic;
using System.Numerics;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Builds an <see cref="EvaluationContext"/>:
/// <c>new EvaluationContextBuilder("user-42").Set("country", "NL").Set("age", 31).Build()</c>.
/// Setting a name again replaces its value. The builder may be reused; each <see cref="Build"/> copies its state.
/// </summary>
public sealed class EvaluationContextBuilder
{
    // Contexts with at most this many attributes sort them without allocating anything but the context's arrays.
    private const int StackIdLimit = 128;

    private readonly List<string> _names = [];
    private readonly List<AttributeValue> _values = [];
    private string? _targetingKey;

    /// <summary>Creates a builder for an anonymous context (no targeting key).</summary>
    public EvaluationContextBuilder()
    {
    }

    /// <summary>Creates a builder for a unit.</summary>
    /// <param name="targetingKey">The unit id, or <see langword="null"/> for an anonymous context.</param>
    /// <exception cref="ArgumentException"><paramref name="targetingKey"/> is empty.</exception>
    public EvaluationContextBuilder(string? targetingKey)
    {
        SetTargetingKey(targetingKey);
    }

    /// <summary>Sets the targeting key (unit id).</summary>
    /// <param name="targetingKey">The unit id, or <see langword="null"/> for an anonymous context.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="targetingKey"/> is empty.</exception>
    public EvaluationContextBuilder SetTargetingKey(string? targetingKey)
    {
        if (targetingKey is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(targetingKey);
        }

        _targetingKey = targetingKey;
        return this;
    }

    /// <summary>Sets a string attribute.</summary>
    /// <param name="name">The attribute name (not <c>key</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or <c>key</c>.</exception>
    public EvaluationContextBuilder Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Put(name, AttributeValue.FromString(value));
    }

    /// <summary>Sets a number attribute (integers convert implicitly).</summary>
    /// <param name="name">The attribute name (not <c>key</c>).</param>
    /// <param name="value">The value; must be finite.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or <c>key</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public EvaluationContextBuilder Set(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A number attribute must be finite.");
        }

        return Put(name, AttributeValue.FromNumber(value));
    }

    /// <summary>Sets a boolean attribute.</summary>
    /// <param name="name">The attribute name (not <c>key</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or <c>key</c>.</exception>
    public EvaluationContextBuilder Set(string name, bool value) => Put(name, AttributeValue.FromBoolean(value));

    /// <summary>Sets a date attribute (stored as an instant; the offset is not kept).</summary>
    /// <param name="name">The attribute name (not <c>key</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or <c>key</c>.</exception>
    public EvaluationContextBuilder Set(string name, DateTimeOffset value) => Put(name, AttributeValue.FromDate(value.UtcTicks));

    /// <summary>Sets a string-list attribute (e.g. roles or groups); string operators hold when they hold for any element.</summary>
    /// <param name="name">The attribute name (not <c>key</c>).</param>
    /// <param name="values">The values; copied.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="values"/> (or one of them) is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or <c>key</c>.</exception>
    public EvaluationContextBuilder Set(string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = new List<string>(values).ToArray();
        foreach (var value in copy)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
        }

        return Put(name, AttributeValue.FromList(copy));
    }

    /// <summary>Creates the immutable context.</summary>
    /// <returns>A context with the targeting key and attributes set so far.</returns>
    public EvaluationContext Build()
    {
        var count = _names.Count;
        if (count == 0)
        {
            return new EvaluationContext(_targetingKey, [], []);
        }

        // Every name gets its process-wide id now (once per name, allocation-free once known), so that conditions find
        // attributes by a bit test. Attributes with an id are stored first, by id; the others follow in the order set.
        ulong idMask = 0;
        Span<int> ids = count <= StackIdLimit ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            var id = AttributeNameTable.GetOrAdd(_names[i]);
            ids[i] = id;
            idMask |= id >= 0 ? 1UL << id : 0;
        }

        var names = new string[count];
        var values = new AttributeValue[count];
        var next = BitOperations.PopCount(idMask);
        var inOrder = true;
        for (var i = 0; i < count; i++)
        {
            var id = ids[i];
            var position = id >= 0 ? BitOperations.PopCount(idMask & ((1UL << id) - 1)) : next++;
            names[position] = _names[i];
            values[position] = _values[i];
            inOrder &= position == i;
        }

        return new EvaluationContext(_targetingKey, names, values, idMask, inOrder ? null : _names.ToArray());
    }

    private EvaluationContextBuilder Put(string name, AttributeValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (string.Equals(name, ConditionDefinition.TargetingKeyAttribute, StringComparison.Ordinal))
        {
            throw new ArgumentException("The attribute 'key' is the targeting key; set it with the constructor or SetTargetingKey.", nameof(name));
        }

        var index = _names.IndexOf(name);
        if (index >= 0)
        {
            _values[index] = value;
        }
        else
        {
            _names.Add(name);
            _values.Add(value);
        }

        return this;
    }
}
