using System;
using System.Linq;
using ProgressiveDelivery.Analysis.Judging.Internal;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

public class QuantileDesignEffectTests
{
    [Fact]
    public void QuantileDesignEffect_OneUnitPerCell_EqualsThePerUnitSandwichAtTheEdgesAroundTheQuantile()
    {
        // 100 units, each in a cell of its own, each with a latency offset: their values cluster by unit.
        var random = new Random(11);
        var recorder = new ValueRecorder();
        recorder.KeepUnitQuantiles();
        var values = new double[100][];
        for (var u = 0; u < 100; u++)
        {
            var unit = new UnitKey((uint)u << 25);
            var offset = 0.8 * Normal(random);
            values[u] = new double[5 + random.Next(40)];
            for (var i = 0; i < values[u].Length; i++)
            {
                values[u][i] = Math.Exp(-3 + offset + (0.5 * Normal(random)));
                recorder.Record(values[u][i], unit);
            }
        }

        var effect = CallDesignEffect(recorder.GetSummary(), 0.9);

        // Independently: the pooled 0.9 quantile, the powers of two around it, and at each the per-unit sandwich.
        var all = values.SelectMany(v => v).OrderBy(v => v).ToArray();
        var q = all[(int)Math.Ceiling(0.9 * all.Length) - 1];
        var upper = Math.Pow(2, Math.Floor(Math.Log2(q)) + 1);
        var lower = upper / 2;
        var expected = Math.Max(1, Math.Max(PerUnit(values, lower), PerUnit(values, upper)));
        Assert.Equal(expected, effect, 10);
        Assert.True(effect > 2, $"clustered values should have a design effect well above 1, got {effect}");
    }

    [Fact]
    public void QuantileDesignEffect_IndependentValuesSpreadOverCells_IsNearOne()
    {
        var random = new Random(5);
        var recorder = new ValueRecorder();
        recorder.KeepUnitQuantiles();
        for (var i = 0; i < 50_000; i++)
        {
            recorder.Record(Math.Exp(-3 + Normal(random)), new UnitKey((uint)random.NextInt64(0, 1L << 32)));
        }

        Assert.InRange(CallDesignEffect(recorder.GetSummary(), 0.99), 1, 1.6);
    }

    private static double CallDesignEffect(ValueSummary summary, double quantile) =>
        QuantileTracker.QuantileDesignEffect(summary.CellBins, quantile);

    // Var_cluster(F) / Var_iid(F) of the share of values below `edge`, one group per unit.
    private static double PerUnit(double[][] units, double edge)
    {
        double n = units.Sum(u => u.Length);
        var f = units.Sum(u => u.Count(v => v < edge)) / n;
        if (f <= 0 || f >= 1)
        {
            return 1;
        }

        var squares = units.Sum(u => Math.Pow(u.Count(v => v < edge) - (f * u.Length), 2));
        var cluster = units.Length / (units.Length - 1.0) * squares / (n * n);
        return cluster / (f * (1 - f) / n);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
