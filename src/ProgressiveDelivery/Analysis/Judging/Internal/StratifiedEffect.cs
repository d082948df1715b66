using System;
using System.Collections.Generic;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// The effect of one metric compared within each weight segment (<see cref="Segments"/>) and combined across them:
/// θ = Σ w_s θ_s with θ_s the segment's difference of ratios (or log ratio of rates) and w_s its share of the
/// information (normalised <c>1 / (1/N_canary + 1/N_baseline)</c>, times the pooled rate for counts). Its variance is
/// cluster-robust across segments: per arm, each cell's influence Σ_s w_s (its residuals in segment s), squared and
/// summed over cells (a unit's requests in several segments stay together in its cell), each arm's part floored at the
/// variance independent requests would give it. With one segment this is the plain comparison of the two arms.
/// </summary>
internal static class StratifiedEffect
{
    /// <param name="segments">Per segment, per cell: canary numerator, canary denominator, baseline numerator, baseline denominator.</param>
    /// <param name="counts">Whether numerators are event counts (rates) rather than sums of values (means).</param>
    /// <param name="logScale">Whether a rate is compared as the log of canary over baseline (counts only).</param>
    /// <param name="cells">Whether the arrays are analysis cells (unit of analysis) rather than one total each (requests).</param>
    /// <param name="canaryValueVariance">For means: the canary's variance of one value (request level).</param>
    /// <param name="baselineValueVariance">For means: the baseline's variance of one value.</param>
    /// <param name="options">The confidence sequence's settings.</param>
    public static EffectBounds Compute(
        IEnumerable<double[][]> segments, bool counts, bool logScale, bool cells, double canaryValueVariance, double baselineValueVariance, MeanConfidenceSequenceOptions options)
    {
        var parts = new List<(double[][] Data, double Weight, double Effect, double IidVariance, double OwnVariance, double CanaryScale, double BaselineScale, double CanaryRatio, double BaselineRatio, double CanaryIid, double BaselineIid)>();
        double totalWeight = 0, count = 0;
        foreach (var data in segments)
        {
            double yc = Sum(data[0]), nc = Sum(data[1]), yb = Sum(data[2]), nb = Sum(data[3]);
            if (!(nc > 0 && nb > 0))
            {
                continue;
            }

            count += nc + nb;
            double rc = yc / nc, rb = yb / nb, weight = 1 / ((1 / nc) + (1 / nb));
            double effect, iid, own, cIid, bIid, cScale = 1, bScale = 1;
            if (counts)
            {
                var pooled = (yc + yb) / (nc + nb);
                if (pooled <= 0)
                {
                    continue; // no event in this segment: no information on a rate ratio or difference
                }

                weight *= pooled;
                var pooledVariance = pooled * (1 - pooled);
                (cIid, bIid) = (pooledVariance / nc, pooledVariance / nb);
                own = (Math.Max(rc * (1 - rc), pooledVariance) / nc) + (Math.Max(rb * (1 - rb), pooledVariance) / nb);
                effect = rc - rb;
                if (logScale)
                {
                    // Half an event added to each arm; the delta method divides by the rate, taken no lower than pooled.
                    double c0 = (yc + 0.5) / nc, b0 = (yb + 0.5) / nb;
                    (cScale, bScale) = (Math.Max(c0, pooled), Math.Max(b0, pooled));
                    effect = Math.Log(c0 / b0);
                    (cIid, bIid) = (pooledVariance / nc / (cScale * cScale), pooledVariance / nb / (bScale * bScale));
                    own = (Math.Max(rc * (1 - rc), pooledVariance) / nc / (cScale * cScale)) + (Math.Max(rb * (1 - rb), pooledVariance) / nb / (bScale * bScale));
                }
            }
            else
            {
                effect = rc - rb;
                (cIid, bIid) = (canaryValueVariance / nc, baselineValueVariance / nb);
                own = cIid + bIid;
            }

            iid = cIid + bIid;

            totalWeight += weight;
            parts.Add((data, weight, effect, iid, own, cScale, bScale, rc, rb, cIid, bIid));
        }

        if (parts.Count == 0 || !(totalWeight > 0))
        {
            return EffectBounds.Invalid(double.NaN);
        }

        double estimate = 0, iidVariance = 0, ownVariance = 0;
        foreach (var part in parts)
        {
            var w = part.Weight / totalWeight;
            estimate += w * part.Effect;
            iidVariance += w * w * part.IidVariance;
            ownVariance += w * w * part.OwnVariance;
        }

        if (!cells)
        {
            return EffectBounds.Compute(estimate, ownVariance, iidVariance, count, options);
        }

        // Each cell's influence on the combined estimate, summed over segments, per arm; each arm's variance floored at
        // what independent requests would give it (units cluster positively: below that, the cells' estimate came out low).
        var length = parts[0].Data[0].Length;
        Span<double> canaryInfluence = stackalloc double[length];
        Span<double> baselineInfluence = stackalloc double[length];
        Span<bool> canaryUsed = stackalloc bool[length];
        Span<bool> baselineUsed = stackalloc bool[length];
        canaryInfluence.Clear();
        baselineInfluence.Clear();
        canaryUsed.Clear();
        baselineUsed.Clear();
        double canaryIid = 0, baselineIid = 0;
        int canaryGroups = 0, baselineGroups = 0;
        foreach (var part in parts)
        {
            var w = part.Weight / totalWeight;
            double nc = Sum(part.Data[1]), nb = Sum(part.Data[3]);
            canaryIid += w * w * part.CanaryIid;
            baselineIid += w * w * part.BaselineIid;
            for (var k = 0; k < length; k++)
            {
                canaryInfluence[k] += w * (part.Data[0][k] - (part.CanaryRatio * part.Data[1][k])) / (nc * part.CanaryScale);
                baselineInfluence[k] += w * (part.Data[2][k] - (part.BaselineRatio * part.Data[3][k])) / (nb * part.BaselineScale);
                canaryUsed[k] |= part.Data[1][k] > 0;
                baselineUsed[k] |= part.Data[3][k] > 0;
            }
        }

        double canarySquares = 0, baselineSquares = 0;
        for (var k = 0; k < length; k++)
        {
            canaryGroups += canaryUsed[k] ? 1 : 0;
            baselineGroups += baselineUsed[k] ? 1 : 0;
            canarySquares += canaryInfluence[k] * canaryInfluence[k];
            baselineSquares += baselineInfluence[k] * baselineInfluence[k];
        }

        if (canaryGroups < 2 || baselineGroups < 2)
        {
            return EffectBounds.Invalid(estimate);
        }

        var variance = Math.Max(canaryGroups / (canaryGroups - 1.0) * canarySquares, canaryIid)
            + Math.Max(baselineGroups / (baselineGroups - 1.0) * baselineSquares, baselineIid);
        return EffectBounds.Compute(estimate, variance, iidVariance, count, options);
    }

    private static double Sum(double[] values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}
