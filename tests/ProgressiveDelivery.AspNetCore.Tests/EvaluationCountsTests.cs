using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.AspNetCore.Internal;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class EvaluationCountsTests
{
    [Fact]
    public void Counts_AreCumulativePerTagSet()
    {
        var counts = new EvaluationCounts();
        var on = new FlagEvaluation("checkout", FlagValue.FromBoolean(true), "on", EvaluationReason.Split, -1);
        var off = new FlagEvaluation("checkout", FlagValue.FromBoolean(false), "off", EvaluationReason.Split, -1);
        counts.Increment(on);
        counts.Increment(on);
        counts.Increment(off);

        var points = counts.Observe().ToList();

        Assert.Equal(2, points.Count);
        var onPoint = Assert.Single(points, p => p.Tags.ToArray().Any(t => t.Key == ProgressiveDeliveryTelemetry.VariantTag && (string?)t.Value == "on"));
        Assert.Equal(2, onPoint.Value);
        Assert.Contains(onPoint.Tags.ToArray(), t => t.Key == ProgressiveDeliveryTelemetry.ReasonTag && (string?)t.Value == "split");
        counts.Increment(on);
        Assert.Equal(3, counts.Observe().Single(p => p.Tags.ToArray().Any(t => (string?)t.Value == "on")).Value);
    }

    [Fact]
    public void Counts_FromManyThreads_LoseNothing()
    {
        var counts = new EvaluationCounts();
        var evaluation = new FlagEvaluation("checkout", FlagValue.FromBoolean(true), "on", EvaluationReason.Split, -1);

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                counts.Increment(evaluation);
            }
        });

        Assert.Equal(800_000, counts.Observe().Single().Value);
    }

    [Fact]
    public void Counts_EqualStringsInOtherInstances_AreOneSeries()
    {
        // The fast path compares the strings' identity; a snapshot reload brings new instances of the same names,
        // which must still count into the same series, not a second one with the same tags.
        var counts = new EvaluationCounts();
        var first = new FlagEvaluation("checkout", FlagValue.FromBoolean(true), "on", EvaluationReason.Split, -1);
        var reloaded = new FlagEvaluation(new string("checkout".ToCharArray()), FlagValue.FromBoolean(true), new string("on".ToCharArray()), EvaluationReason.Split, -1);
        Assert.NotSame(first.FlagKey, reloaded.FlagKey);

        counts.Increment(first);
        counts.Increment(reloaded);
        counts.Increment(first);
        counts.Increment(reloaded);

        Assert.Equal(4, Assert.Single(counts.Observe()).Value);
    }

    [Fact]
    public void Counts_ManyTagSetsSharingCacheSlots_StayApart()
    {
        // 500 flags x 2 variants x 2 reasons: far more combinations than the identity cache has slots, so slots are
        // shared and replaced constantly; every series must still get exactly its own increments.
        var counts = new EvaluationCounts();
        var evaluations = new List<FlagEvaluation>();
        for (var flag = 0; flag < 500; flag++)
        {
            foreach (var variant in new[] { "on", "off" })
            {
                foreach (var reason in new[] { EvaluationReason.Split, EvaluationReason.TargetingMatch })
                {
                    evaluations.Add(new FlagEvaluation("flag-" + flag, FlagValue.FromBoolean(variant == "on"), variant, reason, -1));
                }
            }
        }

        for (var round = 1; round <= 3; round++)
        {
            for (var i = 0; i < evaluations.Count; i++)
            {
                for (var k = 0; k < (i % 3) + 1; k++)
                {
                    counts.Increment(evaluations[i]);
                }
            }
        }

        var observed = counts.Observe().ToDictionary(
            p => string.Join("|", p.Tags.ToArray().OrderBy(t => t.Key).Select(t => t.Key + "=" + t.Value)),
            p => p.Value);
        Assert.Equal(evaluations.Count, observed.Count);
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            var key = string.Join("|", new[]
            {
                ProgressiveDeliveryTelemetry.FlagKeyTag + "=" + e.FlagKey,
                ProgressiveDeliveryTelemetry.ReasonTag + "=" + EvaluationNames.GetName(e.Reason),
                ProgressiveDeliveryTelemetry.VariantTag + "=" + e.Variant,
            }.OrderBy(t => t[..t.IndexOf('=')]));
            Assert.Equal(3 * ((i % 3) + 1), observed[key]);
        }
    }
}
