using System;
using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Flags;

/// <summary>Configures one flag for <see cref="FlagSetBuilder"/>. Each method sets one field of <see cref="FlagDefinition"/>.</summary>
/// <remarks>
/// The builder checks arguments only; whether the flag makes sense (known variants, weights summing to 100, one of a
/// default variant or split) is checked when the definitions are compiled, with the same errors as for JSON.
/// </remarks>
public sealed partial class FlagBuilder
{
    internal FlagBuilder(FlagDefinition flag) => Definition = flag;

    internal FlagDefinition Definition { get; }

    /// <summary>Sets what the flag is for.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public FlagBuilder Kind(FlagKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kind is not a defined FlagKind.");
        }

        Definition.Kind = kind;
        return this;
    }

    /// <summary>Sets the kill switch; a disabled flag serves its off variant to everyone.</summary>
    /// <param name="enabled">Whether the flag is enabled. Flags are enabled unless told otherwise.</param>
    /// <returns>This builder.</returns>
    public FlagBuilder Enabled(bool enabled = true)
    {
        Definition.Enabled = enabled;
        return this;
    }

    /// <summary>Describes the flag.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="description"/> is <see langword="null"/>.</exception>
    public FlagBuilder Description(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Definition.Description = description;
        return this;
    }

    /// <summary>Sets the variant served when the flag is disabled or a prerequisite fails.</summary>
    /// <param name="variant">The variant name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="variant"/> is <see langword="null"/> or empty.</exception>
    public FlagBuilder OffVariant(string variant)
    {
        ArgumentException.ThrowIfNullOrEmpty(variant);
        Definition.OffVariant = variant;
        return this;
    }

    /// <summary>Adds a prerequisite: another flag that must evaluate to one of <paramref name="variants"/>.</summary>
    /// <param name="flag">The key of the prerequisite flag.</param>
    /// <param name="variants">The satisfying variants; none means any variant but the prerequisite's off variant.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="flag"/> or a variant is <see langword="null"/> or empty.</exception>
    public FlagBuilder Prerequisite(string flag, params string[] variants)
    {
        ArgumentException.ThrowIfNullOrEmpty(flag);
        var prerequisite = new PrerequisiteDefinition { Flag = flag };
        ConditionFactory.AddAll(prerequisite.Variants, variants, nameof(variants));
        Definition.Prerequisites.Add(prerequisite);
        return this;
    }

    /// <summary>Adds a targeting rule after those already added; rules are tried in order and the first match decides.</summary>
    /// <param name="configure">Configures the rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public FlagBuilder Rule(Action<RuleBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var rule = new RuleDefinition();
        configure(new RuleBuilder(rule));
        Definition.Rules.Add(rule);
        return this;
    }

    /// <summary>Sets the variant served when no rule matches.</summary>
    /// <param name="variant">The variant name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="variant"/> is <see langword="null"/> or empty.</exception>
    public FlagBuilder DefaultVariant(string variant)
    {
        ArgumentException.ThrowIfNullOrEmpty(variant);
        Definition.DefaultVariant = variant;
        return this;
    }

    /// <summary>Sets the percentage split served when no rule matches (replacing an earlier one).</summary>
    /// <param name="arms">The variants and their percentages, which must sum to 100 (checked by the compiler).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No arm is given, or an arm's variant is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A percentage is not finite.</exception>
    public FlagBuilder DefaultSplit(params (string Variant, double Percent)[] arms)
    {
        ConditionFactory.SetSplit(Definition.DefaultSplit, arms, nameof(arms));
        return this;
    }

    /// <summary>Sets the bucketing salt (by default the flag key). Changing it reshuffles every unit.</summary>
    /// <param name="salt">The salt.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="salt"/> is <see langword="null"/> or empty.</exception>
    public FlagBuilder Salt(string salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(salt);
        Definition.Salt = salt;
        return this;
    }

    /// <summary>Buckets splits by a context attribute (e.g. a tenant id) instead of the targeting key.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="attribute"/> is <see langword="null"/> or empty.</exception>
    public FlagBuilder BucketBy(string attribute)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        Definition.BucketBy = attribute;
        return this;
    }

    /// <summary>Sets who owns the flag.</summary>
    /// <param name="owner">A team or person.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is <see langword="null"/> or empty.</exception>
    public FlagBuilder Owner(string owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        Definition.Owner = owner;
        return this;
    }

    /// <summary>Sets when the flag was created.</summary>
    /// <param name="created">The date.</param>
    /// <returns>This builder.</returns>
    public FlagBuilder Created(DateTimeOffset created)
    {
        Definition.Created = created;
        return this;
    }

    /// <summary>Sets when the flag should be removed from code; it does not change evaluation.</summary>
    /// <param name="expires">The date.</param>
    /// <returns>This builder.</returns>
    public FlagBuilder Expires(DateTimeOffset expires)
    {
        Definition.Expires = expires;
        return this;
    }

    /// <summary>Adds tags.</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A tag is <see langword="null"/> or empty.</exception>
    public FlagBuilder Tags(params string[] tags)
    {
        ConditionFactory.AddAll(Definition.Tags, tags, nameof(tags));
        return this;
    }
}
