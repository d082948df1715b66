namespace ProgressiveDelivery.Flags;

/// <summary>A named variant and its typed value.</summary>
public sealed class VariantDefinition
{
    /// <summary>Creates an empty variant (for loaders).</summary>
    public VariantDefinition()
    {
    }

    /// <summary>Creates a variant.</summary>
    public VariantDefinition(string name, FlagValue value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The variant name, unique within its flag.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The value served with this variant.</summary>
    public FlagValue Value { get; set; }
}
