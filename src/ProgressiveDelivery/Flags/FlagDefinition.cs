using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Flags;

/// <summary>The definition of one flag, as written in JSON or built in code.</summary>
/// <remarks>
/// Evaluation order: a disabled flag serves <see cref="OffVariant"/> (reason <c>disabled</c>); a failed
/// prerequisite serves <see cref="OffVariant"/> (reason <c>prerequisite_failed</c>); otherwise the first rule
/// whose conditions all hold serves its variant or split (reason <c>targeting_match</c> or <c>split</c>); otherwise
/// <see cref="DefaultVariant"/> or <see cref="DefaultSplit"/> is served (reason <c>static</c> when the flag has no
/// rules, <c>default</c> when rules exist but none matched, <c>split</c> for a default split).
/// </remarks>
public sealed class FlagDefinition
{
    /// <summary>The flag key: 1 to 128 characters from <c>[A-Za-z0-9._-]</c>, starting with a letter or digit.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>What the flag is for.</summary>
    /// <value>The default value is <see cref="FlagKind.Release"/>.</value>
    public FlagKind Kind { get; set; } = FlagKind.Release;

    /// <summary>The kill switch: when <see langword="false"/> the flag serves <see cref="OffVariant"/> to everyone.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>A human description.</summary>
    public string? Description { get; set; }

    /// <summary>The variants, by name, in definition order. All values of one flag have the same <see cref="FlagValueKind"/>.</summary>
    /// <remarks>When empty, the flag is a boolean flag with variants <c>on</c> (true) and <c>off</c> (false).</remarks>
    public IList<VariantDefinition> Variants { get; } = new List<VariantDefinition>();

    /// <summary>The variant served when the flag is disabled or a prerequisite fails.</summary>
    /// <value>The default value is <see langword="null"/>: <c>off</c> when such a variant exists, else the first variant.</value>
    public string? OffVariant { get; set; }

    /// <summary>Flags that must evaluate to given variants before this flag's rules are considered.</summary>
    public IList<PrerequisiteDefinition> Prerequisites { get; } = new List<PrerequisiteDefinition>();

    /// <summary>Targeting rules, tried in order; the first whose conditions all hold decides.</summary>
    public IList<RuleDefinition> Rules { get; } = new List<RuleDefinition>();

    /// <summary>The variant served when no rule matches. Exclusive with <see cref="DefaultSplit"/>.</summary>
    /// <value>The default value is <see langword="null"/>: when neither default is set, the off variant is served.</value>
    public string? DefaultVariant { get; set; }

    /// <summary>The percentage split served when no rule matches. Exclusive with <see cref="DefaultVariant"/>.</summary>
    public IList<WeightedVariant> DefaultSplit { get; } = new List<WeightedVariant>();

    /// <summary>The salt mixed into bucketing so that flags are independent.</summary>
    /// <value>The default value is <see langword="null"/>: the flag key is used.</value>
    public string? Salt { get; set; }

    /// <summary>The context attribute whose value is bucketed for splits instead of the targeting key (e.g. a tenant id).</summary>
    /// <value>The default value is <see langword="null"/>: the context's targeting key (unit id) is bucketed.</value>
    public string? BucketBy { get; set; }

    /// <summary>Who owns the flag (a team or person), for lifecycle reports.</summary>
    public string? Owner { get; set; }

    /// <summary>When the flag was created.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>When the flag should be removed from code; reports flag it once passed. Evaluation is unaffected.</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>Free-form tags.</summary>
    public IList<string> Tags { get; } = new List<string>();
}
