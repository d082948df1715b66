using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>Reading the variants of a compiled flag (for integrations that serve a variant chosen elsewhere, e.g. a tester's override).</summary>
public sealed partial class FlagSnapshot
{
    /// <summary>Finds the value of a variant of a flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">The variant name.</param>
    /// <param name="value">The variant's value, or <c>default</c>.</param>
    /// <returns>Whether the flag exists and has the variant.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="flagKey"/> or <paramref name="variant"/> is <see langword="null"/>.</exception>
    public bool TryGetVariantValue(string flagKey, string variant, out FlagValue value)
    {
        System.ArgumentNullException.ThrowIfNull(flagKey);
        System.ArgumentNullException.ThrowIfNull(variant);
        if (_flags.TryGetValue(flagKey, out var flag))
        {
            var index = flag.FindVariant(variant);
            if (index >= 0)
            {
                value = flag.VariantValues[index];
                return true;
            }
        }

        value = default;
        return false;
    }
}
