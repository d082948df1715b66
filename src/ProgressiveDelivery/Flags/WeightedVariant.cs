namespace ProgressiveDelivery.Flags;

/// <summary>One arm of a percentage split.</summary>
public sealed class WeightedVariant
{
    /// <summary>Creates an empty arm (for loaders).</summary>
    public WeightedVariant()
    {
    }

    /// <summary>Creates an arm.</summary>
    public WeightedVariant(string variant, double percent)
    {
        Variant = variant;
        Percent = percent;
    }

    /// <summary>The variant name.</summary>
    public string Variant { get; set; } = string.Empty;

    /// <summary>The share of units, in percent, with a resolution of 0.01 (one bucket in 10,000). The arms of a split sum to 100.</summary>
    public double Percent { get; set; }
}
