using System;
using System.Linq;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts.Plans;

public class RolloutSetBuilderTests
{
    [Fact]
    public void Build_StepsAndSettings_DescribeTheRollout()
    {
        var set = new RolloutSetBuilder()
            .Rollout("checkout-v2", rollout => rollout
                .Flag("checkout", "old", "new")
                .SetWeight(5).Bake(TimeSpan.FromMinutes(10)).Analysis().SetWeight(100)
                .Adaptive()
                .ConfigurePlan(plan => plan.OnNoData = RolloutPolicy.Rollback)
                .Judge(options => options.Alpha = 0.01))
            .Build();

        var definition = Assert.Single(set.Rollouts);
        Assert.Equal(("checkout", "old", "new", true), (definition.FlagKey, definition.StableVariant, definition.CanaryVariant, definition.Adaptive));
        Assert.Equal(4, definition.Plan.Steps.Count);
        Assert.Equal(RolloutPolicy.Rollback, definition.Plan.OnNoData);
        Assert.Equal(0.01, definition.Judge.Alpha);
        Assert.Empty(set.Validate(ProgressiveDelivery.Evaluation.FlagSnapshot.Compile(RolloutHarness.CreateFlags())));
    }

    [Fact]
    public void Validate_BuiltWithProblems_ReportsEveryErrorWithItsPath()
    {
        var set = new RolloutSetBuilder()
            .Rollout("r", rollout => rollout.Flag("checkout", "old", "nope").SetWeight(-1).Bake(TimeSpan.Zero))
            .Build();

        var errors = set.Validate(ProgressiveDelivery.Evaluation.FlagSnapshot.Compile(RolloutHarness.CreateFlags()));

        Assert.Equal(
            ["$.rollouts['r'].canaryVariant", "$.rollouts['r'].plan.steps[0].setWeight", "$.rollouts['r'].plan.steps[1].bake"],
            errors.Select(error => error.Path));
    }
}
