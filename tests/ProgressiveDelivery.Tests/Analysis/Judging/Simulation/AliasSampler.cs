using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// Walker's alias method (Vose's construction): draws an index with probability proportional to its weight in O(1)
/// per draw (one uniform), after O(n) set-up.
/// </summary>
internal sealed class AliasSampler
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    /// <param name="weights">Non-negative weights, at least one positive.</param>
    public AliasSampler(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        _probability = new double[n];
        _alias = new int[n];
        double total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int smallCount = 0, largeCount = 0;
        for (var i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1)
            {
                small[smallCount++] = i;
            }
            else
            {
                large[largeCount++] = i;
            }
        }

        while (smallCount > 0 && largeCount > 0)
        {
            var s = small[--smallCount];
            var l = large[--largeCount];
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1)
            {
                small[smallCount++] = l;
            }
            else
            {
                large[largeCount++] = l;
            }
        }

        // What is left has (up to rounding) probability 1 of keeping its own index.
        while (largeCount > 0)
        {
            _probability[large[--largeCount]] = 1;
        }

        while (smallCount > 0)
        {
            _probability[small[--smallCount]] = 1;
        }
    }

    /// <summary>Draws an index: one uniform picks a column (its integer part) and, by its fraction, the column or its alias.</summary>
    public int Sample(Random random)
    {
        var x = random.NextDouble() * _probability.Length;
        var i = (int)x;
        if (i >= _probability.Length)
        {
            i = _probability.Length - 1;
        }

        return x - i < _probability[i] ? i : _alias[i];
    }
}
