using System;
using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Flags;

/// <summary>Configures a reusable segment: keys always in it, keys never in it, and conditions for everyone else.</summary>
public sealed class SegmentBuilder
{
    internal SegmentBuilder(SegmentDefinition segment) => Definition = segment;

    internal SegmentDefinition Definition { get; }

    /// <summary>Describes the segment.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="description"/> is <see langword="null"/>.</exception>
    public SegmentBuilder Description(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Definition.Description = description;
        return this;
    }

    /// <summary>Adds targeting keys that are always in the segment (unless excluded).</summary>
    /// <param name="keys">The targeting keys.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A key is <see langword="null"/> or empty.</exception>
    public SegmentBuilder Include(params string[] keys)
    {
        ConditionFactory.AddAll(Definition.Included, keys, nameof(keys));
        return this;
    }

    /// <summary>Adds targeting keys that are never in the segment; exclusion wins over inclusion and conditions.</summary>
    /// <param name="keys">The targeting keys.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A key is <see langword="null"/> or empty.</exception>
    public SegmentBuilder Exclude(params string[] keys)
    {
        ConditionFactory.AddAll(Definition.Excluded, keys, nameof(keys));
        return this;
    }

    /// <summary>Adds a condition, compared case-sensitively, that units not included by key must satisfy (with all others).</summary>
    /// <param name="attribute">The attribute; <c>key</c> is the targeting key.</param>
    /// <param name="operator">The operator; segment operators are not allowed in segments (checked by the compiler).</param>
    /// <param name="values">The operands (at least one, except for <see cref="ConditionOperator.Exists"/>).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty, a value is, or no value is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operator"/> is not a defined operator.</exception>
    public SegmentBuilder Where(string attribute, ConditionOperator @operator, params string[] values)
    {
        Definition.Conditions.Add(ConditionFactory.Create(attribute, @operator, values, caseSensitive: true));
        return this;
    }

    /// <summary>Adds a condition with numeric operands, written in invariant culture.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="operator">The operator, typically a numeric comparison.</param>
    /// <param name="values">The operands (at least one); each must be finite.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty, or no value is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operator"/> is not a defined operator, or a value is not finite.</exception>
    public SegmentBuilder Where(string attribute, ConditionOperator @operator, params double[] values) =>
        Where(attribute, @operator, ConditionFactory.Format(values));

    /// <summary>Adds a condition compared ignoring case (ordinal).</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="operator">The operator.</param>
    /// <param name="values">The operands (at least one).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty, a value is, or no value is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operator"/> is not a defined operator.</exception>
    public SegmentBuilder WhereIgnoreCase(string attribute, ConditionOperator @operator, params string[] values)
    {
        Definition.Conditions.Add(ConditionFactory.Create(attribute, @operator, values, caseSensitive: false));
        return this;
    }

    /// <summary>Adds a condition that holds when the context has the attribute.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty.</exception>
    public SegmentBuilder Exists(string attribute) => Where(attribute, ConditionOperator.Exists, Array.Empty<string>());
}
