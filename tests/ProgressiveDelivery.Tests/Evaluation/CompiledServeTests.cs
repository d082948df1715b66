using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Tests.Evaluation;

public class CompiledServeTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(3399, 10)]
    [InlineData(3400, 11)]
    [InlineData(6699, 11)]
    [InlineData(6700, 12)]
    [InlineData(9999, 12)]
    public void SelectVariant_ThreeArms_ConsecutiveBucketRanges(int bucket, int expected) =>
        Assert.Equal(expected, CompiledServe.Split([3400, 6700, 10_000], [10, 11, 12]).SelectVariant(bucket));

    [Theory]
    [InlineData(0, 11)]
    [InlineData(4999, 11)]
    [InlineData(5000, 13)]
    [InlineData(9999, 13)]
    public void SelectVariant_ZeroWeightArms_NeverSelected(int bucket, int expected) =>
        Assert.Equal(expected, CompiledServe.Split([0, 5000, 5000, 10_000], [10, 11, 12, 13]).SelectVariant(bucket));

    [Theory]
    [InlineData(0)]
    [InlineData(9999)]
    public void SelectVariant_OneArm_AlwaysThatArm(int bucket) =>
        Assert.Equal(7, CompiledServe.Split([10_000], [7]).SelectVariant(bucket));

    [Fact]
    public void Split_NotOneVariantPerBoundary_Throws()
    {
        // SelectVariant reads both arrays unchecked, so a mismatched split must never be built.
        Assert.Throws<System.ArgumentException>(() => CompiledServe.Split([5000, 10_000], [1]));
        Assert.Throws<System.ArgumentException>(() => CompiledServe.Split([], []));
    }

    [Fact]
    public void WholeVariant_OnlyWhenOneArmCoversEveryBucket()
    {
        // 100/0, 0/100 (a rollout at 100% or 0%), one arm, with zero-weight arms around it: every bucket selects it.
        Assert.Equal(10, CompiledServe.Split([10_000, 10_000], [10, 11]).WholeVariant);
        Assert.Equal(11, CompiledServe.Split([0, 10_000], [10, 11]).WholeVariant);
        Assert.Equal(7, CompiledServe.Split([10_000], [7]).WholeVariant);
        Assert.Equal(12, CompiledServe.Split([0, 0, 10_000, 10_000], [10, 11, 12, 13]).WholeVariant);
        Assert.Equal(-1, CompiledServe.Split([9_999, 10_000], [10, 11]).WholeVariant);
        Assert.Equal(-1, CompiledServe.Split([3400, 6700, 10_000], [10, 11, 12]).WholeVariant);
        Assert.Equal(-1, CompiledServe.Fixed(3).WholeVariant);

        // The shortcut answers what the bucket would have: every bucket of such a split selects the same variant.
        foreach (var split in new[] { CompiledServe.Split([10_000, 10_000], [10, 11]), CompiledServe.Split([0, 0, 10_000, 10_000], [10, 11, 12, 13]) })
        {
            for (var bucket = 0; bucket < 10_000; bucket++)
            {
                Assert.Equal(split.WholeVariant, split.SelectVariant(bucket));
            }
        }
    }
}
