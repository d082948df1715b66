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
}
