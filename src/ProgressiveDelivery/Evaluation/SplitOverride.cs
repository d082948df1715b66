using System;
using System.Globalization;

namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Replaces what a flag serves by default (its fallthrough) with a two-arm split: the canary variant on buckets
/// <c>[0, CanaryBasisPoints)</c>, the stable variant on the rest. Installed on a <see cref="FlagEvaluator"/> by a rollout
/// (see <see cref="FlagEvaluator.SetSplitOverride"/>), it survives reloads of the flag definitions.
/// </summary>
/// <remarks>
/// Because the canary always takes the lowest buckets, raising the weight only adds units to the canary and never moves
/// a unit from it (monotonic, sticky), and a weight of 0 serves the stable variant to everyone at once. The flag's
/// targeting rules still apply first: units they match are served by them, not by the split.
/// </remarks>
public sealed class SplitOverride
{
    /// <summary>The number of basis points in 100% (the bucket count).</summary>
    public const int FullWeight = 10_000;

    /// <summary>Creates an override.</summary>
    /// <param name="flagKey">The flag whose default serve is replaced.</param>
    /// <param name="canaryVariant">The variant on the lowest buckets.</param>
    /// <param name="stableVariant">The variant on the remaining buckets.</param>
    /// <param name="canaryBasisPoints">The canary's share in basis points (1 = 0.01%), in [0, 10000].</param>
    /// <exception cref="ArgumentNullException">A key or variant is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The variants are equal or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="canaryBasisPoints"/> is outside [0, 10000].</exception>
    public SplitOverride(string flagKey, string canaryVariant, string stableVariant, int canaryBasisPoints)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        ArgumentException.ThrowIfNullOrEmpty(canaryVariant);
        ArgumentException.ThrowIfNullOrEmpty(stableVariant);
        if (string.Equals(canaryVariant, stableVariant, StringComparison.Ordinal))
        {
            throw new ArgumentException("The canary and the stable variant must differ.", nameof(stableVariant));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(canaryBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(canaryBasisPoints, FullWeight);
        FlagKey = flagKey;
        CanaryVariant = canaryVariant;
        StableVariant = stableVariant;
        CanaryBasisPoints = canaryBasisPoints;
    }

    /// <summary>The flag whose default serve is replaced.</summary>
    public string FlagKey { get; }

    /// <summary>The variant served on buckets <c>[0, CanaryBasisPoints)</c>.</summary>
    public string CanaryVariant { get; }

    /// <summary>The variant served on the other buckets.</summary>
    public string StableVariant { get; }

    /// <summary>The canary's share in basis points (1 = 0.01%).</summary>
    public int CanaryBasisPoints { get; }

    /// <summary>The canary's share in percent.</summary>
    public double CanaryPercent => CanaryBasisPoints / 100.0;

    /// <summary>The override as text: <c>flag: canary 5% / stable</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{FlagKey}: {CanaryVariant} {CanaryPercent}% / {StableVariant}");
}
