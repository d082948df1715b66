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
}
