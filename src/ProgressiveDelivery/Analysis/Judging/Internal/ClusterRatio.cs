using System;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// A ratio of sums over an arm's analysis cells, <c>R = Σ y_k / Σ n_k</c> (errors over requests, ln-latency sum over
/// values), with its cluster-robust variance by the delta method over the cells (Deng, Knoblich and Lu, KDD 2018):
/// <c>Var(R) ≈ G/(G - 1) · Σ_k (y_k - R·n_k)² / (Σ n_k)²</c>, G the number of non-empty cells. Cells are random groups of
/// units, hence independent whatever the clustering inside a unit, so this variance holds for clustered traffic.
/// </summary>
internal readonly record struct ClusterRatio(double Estimate, double Variance, double Denominator, int Groups)
{
    public static ClusterRatio Of(ReadOnlySpan<double> numerators, ReadOnlySpan<long> denominators)
    {
        double y = 0, n = 0;
        for (var i = 0; i < denominators.Length; i++)
        {
            y += numerators[i];
            n += denominators[i];
        }

        if (n == 0)
        {
            return new ClusterRatio(double.NaN, double.NaN, 0, 0);
        }

        var ratio = y / n;
        double squares = 0;
        var groups = 0;
        for (var i = 0; i < denominators.Length; i++)
        {
            if (denominators[i] > 0)
            {
                groups++;
                var residual = numerators[i] - (ratio * denominators[i]);
                squares += residual * residual;
            }
        }

        var variance = groups < 2 ? double.NaN : groups / (groups - 1.0) * squares / (n * n);
        return new ClusterRatio(ratio, variance, n, groups);
    }
}
