using System;
using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Flags;

/// <summary>Configures one targeting rule of a flag: its conditions (all must hold) and what it serves.</summary>
/// <remarks>Serve a variant with <see cref="Serve"/> or a percentage split with <see cref="Split"/>, not both: the compiler rejects a rule with both or neither.</remarks>
public sealed class RuleBuilder
{
    internal RuleBuilder(RuleDefinition rule) => Definition = rule;

    internal RuleDefinition Definition { get; }

    /// <summary>Names the rule, for reports.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty.</exception>
    public RuleBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Definition.Name = name;
        return this;
    }

    /// <summary>Adds a condition on a context attribute, compared case-sensitively.</summary>
    /// <param name="attribute">The attribute; <c>key</c> is the targeting key.</param>
    /// <param name="operator">The operator.</param>
    /// <param name="values">The operands (at least one, except for <see cref="ConditionOperator.Exists"/>); the condition holds when it holds for any.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty, a value is, or no value is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operator"/> is not a defined operator.</exception>
    public RuleBuilder Where(string attribute, ConditionOperator @operator, params string[] values)
    {
        Definition.Conditions.Add(ConditionFactory.Create(attribute, @operator, values, caseSensitive: true));
        return this;
    }

    /// <summary>Adds a condition on a context attribute with numeric operands, written in invariant culture.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="operator">The operator, typically a numeric comparison.</param>
    /// <param name="values">The operands (at least one); each must be finite.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty, or no value is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operator"/> is not a defined operator, or a value is not finite.</exception>
    public RuleBuilder Where(string attribute, ConditionOperator @operator, params double[] values) =>
        Where(attribute, @operator, ConditionFactory.Format(values));

    /// <summary>Adds a condition on a context attribute, compared ignoring case (ordinal).</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="operator">The operator.</param>
    /// <param name="values">The operands (at least one).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty, a value is, or no value is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operator"/> is not a defined operator.</exception>
    public RuleBuilder WhereIgnoreCase(string attribute, ConditionOperator @operator, params string[] values)
    {
        Definition.Conditions.Add(ConditionFactory.Create(attribute, @operator, values, caseSensitive: false));
        return this;
    }

    /// <summary>Adds a condition that holds when the context has the attribute.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty.</exception>
    public RuleBuilder Exists(string attribute) => Where(attribute, ConditionOperator.Exists, Array.Empty<string>());

    /// <summary>Adds a condition that holds when the unit is in any of the segments.</summary>
    /// <param name="segments">The segment keys (at least one).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No key is given, or a key is <see langword="null"/> or empty.</exception>
    public RuleBuilder InSegment(params string[] segments)
    {
        Definition.Conditions.Add(ConditionFactory.Segments(ConditionOperator.InSegment, segments));
        return this;
    }

    /// <summary>Adds a condition that holds when the unit is in none of the segments.</summary>
    /// <param name="segments">The segment keys (at least one).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No key is given, or a key is <see langword="null"/> or empty.</exception>
    public RuleBuilder NotInSegment(params string[] segments)
    {
        Definition.Conditions.Add(ConditionFactory.Segments(ConditionOperator.NotInSegment, segments));
        return this;
    }

    /// <summary>Serves a variant when the rule matches (replacing an earlier <see cref="Serve"/>).</summary>
    /// <param name="variant">The variant name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="variant"/> is <see langword="null"/> or empty.</exception>
    public RuleBuilder Serve(string variant)
    {
        ArgumentException.ThrowIfNullOrEmpty(variant);
        Definition.Variant = variant;
        return this;
    }

    /// <summary>Serves a percentage split when the rule matches (replacing an earlier <see cref="Split"/>).</summary>
    /// <param name="arms">The variants and their percentages, which must sum to 100 (checked by the compiler).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No arm is given, or an arm's variant is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A percentage is not finite.</exception>
    public RuleBuilder Split(params (string Variant, double Percent)[] arms)
    {
        ConditionFactory.SetSplit(Definition.Split, arms, nameof(arms));
        return this;
    }
}
