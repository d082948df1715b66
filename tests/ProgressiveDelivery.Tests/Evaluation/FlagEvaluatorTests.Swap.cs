using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Evaluation;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

public partial class FlagEvaluatorTests
{
    [Fact]
    public async Task Update_ConcurrentWithEvaluations_NeverMixesSnapshots()
    {
        // In A both flags serve "a" and y requires x = "a"; in B both serve "b" and y requires x = "b". An evaluation
        // of y that mixed the two snapshots would fail y's prerequisite and serve "off".
        static FlagSnapshot Build(string variant)
        {
            var x = StringFlag("x", "off", "a", "b").Also(f => f.DefaultVariant = variant);
            var y = StringFlag("y", "off", "a", "b").Also(f => f.DefaultVariant = variant).WithPrerequisite("x", variant);
            return FlagSnapshot.Compile(Set(x, y));
        }

        var a = Build("a");
        var b = Build("b");
        var evaluator = new FlagEvaluator(a);
        var context = EvaluationContext.ForUnit("user-1");
        using var stop = new CancellationTokenSource();
        var swapper = Task.Factory.StartNew(
            () =>
            {
                var swaps = 0L;
                while (!stop.IsCancellationRequested)
                {
                    evaluator.Update((swaps++ & 1) == 0 ? b : a);
                }

                return swaps;
            },
            TaskCreationOptions.LongRunning);

        // Readers start once the swapper is running, so that evaluations overlap with swaps.
        Assert.True(SpinWait.SpinUntil(() => !ReferenceEquals(evaluator.Snapshot, a), System.TimeSpan.FromSeconds(30)));

        int seenA = 0, seenB = 0, mixed = 0;
        var readers = new Task[2];
        for (var r = 0; r < readers.Length; r++)
        {
            readers[r] = Task.Run(() =>
            {
                for (var i = 0; i < 200_000; i++)
                {
                    var evaluation = evaluator.Evaluate("y", context);
                    switch (evaluation.Variant)
                    {
                        case "a":
                            Interlocked.Increment(ref seenA);
                            break;
                        case "b":
                            Interlocked.Increment(ref seenB);
                            break;
                        default:
                            Interlocked.Increment(ref mixed);
                            break;
                    }
                }
            });
        }

        await Task.WhenAll(readers);
        await stop.CancelAsync();
        Assert.True(await swapper > 0);
        Assert.Equal(0, mixed);
        Assert.Equal(400_000, seenA + seenB);
    }
}
