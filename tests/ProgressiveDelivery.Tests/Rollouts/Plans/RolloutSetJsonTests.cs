using System;
using System.Linq;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.Tests.Rollouts.Plans;

public class RolloutSetJsonTests
{
    internal const string Valid = """
        {
          "flags": {
            "checkout": { "variants": { "old": "v1", "new": "v2" }, "offVariant": "old", "defaultVariant": "old" }
          },
          "rollouts": {
            "checkout-v2": {
              "flag": "checkout", "stableVariant": "old", "canaryVariant": "new", "adaptive": true,
              "plan": {
                "steps": [ { "setWeight": 5 }, { "bake": "00:10:00" }, { "pause": true }, { "analysis": { "timeout": "01:00:00" } }, { "setWeight": 100 } ],
                "maximumDuration": "1.00:00:00", "onNoData": "rollback", "onUnhealthyAssignment": "pause", "onInconclusive": "pause"
              },
              "analysis": {
                "alpha": 0.01,
                "metrics": [
                  { "name": "errors", "kind": "countRate", "tolerance": 0.5, "critical": true },
                  { "name": "latency", "kind": "mean", "transform": "log", "tolerance": 0.1 }
                ]
              }
            },
            "preset": { "flag": "other", "stableVariant": "off", "canaryVariant": "on", "plan": { "preset": { "kind": "canary", "bake": "00:05:00" } } }
          }
        }
        """;

    [Fact]
    public void TryLoad_ValidDocument_ReadsEveryField()
    {
        var flags = FlagSnapshot.Compile(new FlagSetBuilder()
            .Flag("checkout", flag => flag.Variants(("old", "v1"), ("new", "v2")).OffVariant("old").DefaultVariant("old"))
            .Flag("other", flag => flag.BooleanVariants().DefaultVariant("off"))
            .Build());

        Assert.True(RolloutSetJson.TryLoad(Valid, flags, out var set, out var errors), string.Join("\n", errors));

        var rollout = set!.Rollouts[0];
        Assert.Equal(("checkout-v2", "checkout", "old", "new", true), (rollout.Id, rollout.FlagKey, rollout.StableVariant, rollout.CanaryVariant, rollout.Adaptive));
        Assert.Equal([RolloutStepKind.SetWeight, RolloutStepKind.Bake, RolloutStepKind.Pause, RolloutStepKind.Analysis, RolloutStepKind.SetWeight], rollout.Plan.Steps.Select(s => s.Kind));
        Assert.Equal(TimeSpan.FromHours(1), rollout.Plan.Steps[3].Duration);
        Assert.Equal(TimeSpan.FromDays(1), rollout.Plan.MaximumDuration);
        Assert.Equal(RolloutPolicy.Rollback, rollout.Plan.OnNoData);
        Assert.Equal(0.01, rollout.Judge.Alpha);
        Assert.Equal(MetricTransform.Log, rollout.Judge.Metrics[1].Transform);
        Assert.True(rollout.Judge.Metrics[0].Critical);
        Assert.Equal(11, set.Rollouts[1].Plan.Steps.Count);
        Assert.Equal(2, set.Rollouts[1].Judge.Metrics.Count); // the default errors + latency
    }

    [Fact]
    public void TryLoad_ManyErrors_ReportsEveryOneWithItsPath()
    {
        const string json = """
            {
              "flags": { "checkout": { "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old" } },
              "rollouts": {
                "bad id!": { "flag": "checkout", "stableVariant": "old", "canaryVariant": "gone", "plan": { "steps": [ { "setWeight": 5 } ] } },
                "r2": {
                  "flag": "nope", "stableVariant": "old", "canaryVariant": "new", "colour": "red",
                  "plan": {
                    "steps": [ { "setWeight": 150 }, { "setWeight": 1.234 }, { "bake": "ten minutes" }, { "wait": 3 }, { "setWeight": 1, "bake": "00:01:00" } ],
                    "onNoData": "shrug"
                  },
                  "analysis": { "alpha": 0.9, "metrics": [ { "name": "cpu" }, { "name": "latency", "kind": "countRate" } ] }
                },
                "r3": { "flag": "checkout", "stableVariant": "old", "canaryVariant": "new", "plan": { "preset": { "kind": "zigzag" } } }
              }
            }
            """;
        var flags = FlagSnapshot.FromJson(json);

        Assert.False(RolloutSetJson.TryLoad(json, flags, out _, out var errors));

        Assert.Equal(
            [
                "$.rollouts['r2'].colour",
                "$.rollouts['r2'].plan.steps[2].bake",
                "$.rollouts['r2'].plan.steps[3].wait",
                "$.rollouts['r2'].plan.steps[3]",
                "$.rollouts['r2'].plan.steps[4]",
                "$.rollouts['r2'].plan.onNoData",
                "$.rollouts['r3'].plan.preset.kind",
                "$.rollouts['bad id!']",
                "$.rollouts['bad id!'].canaryVariant",
                "$.rollouts['r2'].flag",
                "$.rollouts['r2'].plan.steps[0].setWeight",
                "$.rollouts['r2'].plan.steps[1].setWeight",
                "$.rollouts['r2'].analysis.alpha",
                "$.rollouts['r2'].analysis.metrics[0].name",
                "$.rollouts['r2'].analysis.metrics[1].kind",
                "$.rollouts['r3'].flag", // 'checkout' is already driven by 'bad id!'
                "$.rollouts['r3'].plan.steps",
            ],
            errors.Select(error => error.Path));
        Assert.All(errors, error => Assert.False(string.IsNullOrEmpty(error.Message)));
        Assert.Equal("r2", errors[0].FlagKey);
    }

    [Fact]
    public void Parse_DocumentWithoutRollouts_HasNone()
    {
        var parsed = RolloutSetJson.Parse("""{ "flags": {} }""");

        Assert.True(parsed.Succeeded);
        Assert.Empty(parsed.Rollouts.Rollouts);
    }

    [Fact]
    public void FlagSetJson_DocumentWithRollouts_IgnoresTheRolloutsSection()
    {
        Assert.True(FlagSetJson.Parse(Valid).Succeeded);
    }

    [Fact]
    public void Validate_TwoRolloutsOnOneFlag_IsAnError()
    {
        var flags = FlagSnapshot.Compile(RolloutHarness.CreateFlags());
        var set = new RolloutSet();
        set.Rollouts.Add(RolloutHarness.CreateDefinition(RolloutPlan.Canary(TimeSpan.FromMinutes(1))));
        var second = RolloutHarness.CreateDefinition(RolloutPlan.Canary(TimeSpan.FromMinutes(1)));
        second.Id = "again";
        set.Rollouts.Add(second);

        var error = Assert.Single(set.Validate(flags));

        Assert.Equal("$.rollouts['again'].flag", error.Path);
        Assert.Equal(DefinitionErrorCodes.DuplicateKey, error.Code);
    }
}
