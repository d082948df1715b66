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

    /// <summary>
    /// Whether a flag serves one variant to every context, whatever its attributes: it is disabled, or its prerequisites,
    /// rules and default (with a rollout's split override) can serve only that variant. A flag in that state for long is a
    /// candidate for removal from the code. A rule without conditions (or whose conditions hold for every context, such as
    /// a Microsoft.FeatureManagement <c>AlwaysOn</c> filter) is the last one reached; other conditions are not solved, so a
    /// rule that can never match still counts as serving its variant: <see langword="true"/> is certain,
    /// <see langword="false"/> may be conservative.
    /// </summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="variant">The variant served, or <see langword="null"/> when every context gets the caller's default (a disabled flag without an off variant).</param>
    /// <returns>Whether the flag exists and serves one variant to every context.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    public bool TryGetSingleVariant(string flagKey, out string? variant)
    {
        System.ArgumentNullException.ThrowIfNull(flagKey);
        if (_flags.TryGetValue(flagKey, out var flag) && Internal.ServedVariants.TryGetSingle(flag, out var index))
        {
            variant = index >= 0 ? flag.VariantNames[index] : null;
            return true;
        }

        variant = null;
        return false;
    }
}
