using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// A flag ready to evaluate: variant names and values by index, rules and serves referring to variant indexes, and
/// prerequisites referring to other compiled flags of the same snapshot. Built in two passes by
/// <see cref="FlagSetCompiler"/> (variants first so that prerequisites can resolve each other's variants), then never changed.
/// </summary>
internal sealed class CompiledFlag(string key, bool enabled, FlagValueKind kind, string[] variantNames, FlagValue[] variantValues, int offVariant)
{
    public string Key { get; } = key;

    public bool Enabled { get; } = enabled;

    public FlagValueKind Kind { get; } = kind;

    public string[] VariantNames { get; } = variantNames;

    public FlagValue[] VariantValues { get; } = variantValues;

    public int OffVariant { get; } = offVariant;

    public string Salt { get; set; } = key;

    /// <summary>The attribute bucketed by splits, or <see langword="null"/> for the targeting key.</summary>
    public string? BucketBy { get; set; }

    public CompiledPrerequisite[] Prerequisites { get; set; } = [];

    public CompiledRule[] Rules { get; set; } = [];

    public CompiledServe Default { get; set; } = CompiledServe.Fixed(offVariant);

    public int FindVariant(string? name)
    {
        for (var i = 0; i < VariantNames.Length; i++)
        {
            if (string.Equals(VariantNames[i], name, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
