using System;
using System.Linq;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts.Plans;

public class RolloutPlanTests
{
    [Fact]
    public void Canary_Weights_AreOneFiveTenTwentyFiveFiftyThenOneHundred()
    {
        var plan = RolloutPlan.Canary(TimeSpan.FromMinutes(10));

        Assert.Equal([1.0, 5, 10, 25, 50, 100], Weights(plan));
        Assert.Equal(5, plan.Steps.Count(step => step.Kind == RolloutStepKind.Bake));
    }

    [Fact]
    public void Linear_TwentyPercentEverySixMinutes_HasFiveWeights()
    {
        var plan = RolloutPlan.Linear(20, TimeSpan.FromMinutes(6));

        Assert.Equal([20.0, 40, 60, 80, 100], Weights(plan));
        Assert.All(plan.Steps.Where(step => step.Kind == RolloutStepKind.Bake), step => Assert.Equal(TimeSpan.FromMinutes(6), step.Duration));
    }

    [Fact]
    public void Exponential_DoublingFromOne_EndsAtOneHundred()
    {
        var plan = RolloutPlan.Exponential(1, 2, TimeSpan.FromMinutes(5));

        Assert.Equal([1.0, 2, 4, 8, 16, 32, 64, 100], Weights(plan));
    }

    [Fact]
    public void BlueGreen_PreviewAnalysisThenSwitch()
    {
        var plan = RolloutPlan.BlueGreen(5, TimeSpan.FromMinutes(30));

        Assert.Equal([RolloutStepKind.SetWeight, RolloutStepKind.Analysis, RolloutStepKind.SetWeight], plan.Steps.Select(step => step.Kind));
        Assert.Equal([5.0, 100], Weights(plan));
    }

    [Fact]
    public void Presets_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutPlan.Linear(0, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutPlan.Exponential(1, 1, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutPlan.Canary(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutPlan.BlueGreen(100));
    }

    [Fact]
    public void SetWeight_HundredthOfAPercent_IsOneBasisPoint()
    {
        Assert.Equal(1, RolloutStep.SetWeight(0.01).WeightBasisPoints);
        Assert.Equal(1234, RolloutStep.SetWeight(12.34).WeightBasisPoints);
    }

    private static double[] Weights(RolloutPlan plan) =>
        plan.Steps.Where(step => step.Kind == RolloutStepKind.SetWeight).Select(step => step.WeightPercent).ToArray();
}
