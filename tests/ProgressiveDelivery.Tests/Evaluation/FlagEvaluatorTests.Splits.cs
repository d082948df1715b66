using System.Globalization;
using MathNet.Numerics.Distributions;
using ProgressiveDelivery.Bucketing;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

public partial class FlagEvaluatorTests
{
    [Fact]
    public void Evaluate_FiftyFiftySplitOver100kUnits_WithinBinomialBound()
    {
        const int Units = 100_000;
        var evaluator = Evaluator(new FlagDefinition { Key = "half" }.WithDefaultSplit(("on", 50), ("off", 50)));
        var on = 0;
        for (var i = 0; i < Units; i++)
        {
            if (evaluator.IsEnabled("half", EvaluationContext.ForUnit("unit-" + i.ToString(CultureInfo.InvariantCulture))))
            {
                on++;
            }
        }

        // Two-sided 0.001 bound of Binomial(n, 1/2): n/2 ± z(0.9995)·sqrt(n/4).
        var bound = Normal.InvCDF(0, 1, 1 - (0.001 / 2)) * System.Math.Sqrt(Units * 0.25);
        Assert.InRange(on, (Units / 2) - bound, (Units / 2) + bound);
    }

    [Theory]
    [InlineData(100, "on")]
    [InlineData(0, "off")]
    public void Evaluate_SplitWithOneWholeArm_EveryUnitGetsItAsASplit_AndAKeyIsStillRequired(double onPercent, string expected)
    {
        // A 100/0 split (a rollout at 0% or 100%) is answered without hashing the unit: the same variant and reason a
        // bucket would give, and still an error without a targeting key, as for any split.
        var evaluator = Evaluator(new FlagDefinition { Key = "whole" }.WithDefaultSplit(("on", onPercent), ("off", 100 - onPercent)));
        for (var i = 0; i < 1_000; i++)
        {
            var evaluation = evaluator.Evaluate("whole", EvaluationContext.ForUnit("unit-" + i.ToString(CultureInfo.InvariantCulture)));
            Assert.Equal((expected, EvaluationReason.Split), (evaluation.Variant, evaluation.Reason));
        }

        var keyless = evaluator.Evaluate("whole", EvaluationContext.Empty);
        Assert.Equal((EvaluationReason.Error, EvaluationErrorCode.TargetingKeyMissing), (keyless.Reason, keyless.ErrorCode));
    }

    [Fact]
    public void Evaluate_Split_MatchesBucketerRangesInListedOrderWithSalt()
    {
        var flag = StringFlag("three", "a", "b", "c").WithDefaultSplit(("a", 20), ("b", 30.5), ("c", 49.5));
        flag.Salt = "pepper";
        var evaluator = Evaluator(flag);
        for (var i = 0; i < 2_000; i++)
        {
            var unit = "u" + i.ToString(CultureInfo.InvariantCulture);
            var bucket = Bucketer.GetBucket("pepper", unit);
            var expected = bucket < 2000 ? "a" : bucket < 5050 ? "b" : "c";
            Assert.Equal(expected, evaluator.GetVariant("three", EvaluationContext.ForUnit(unit)));
        }
    }

    [Fact]
    public void Evaluate_SaltUnset_UsesFlagKey()
    {
        var evaluator = Evaluator(new FlagDefinition { Key = "salted-by-key" }.WithDefaultSplit(("on", 50), ("off", 50)));
        for (var i = 0; i < 500; i++)
        {
            var unit = "u" + i.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(Bucketer.GetBucket("salted-by-key", unit) < 5000, evaluator.IsEnabled("salted-by-key", EvaluationContext.ForUnit(unit)));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Evaluate_CanaryWeightGrows_UnitsOnCanaryStayOnIt(bool canaryFirst)
    {
        FlagEvaluator At(double percent)
        {
            var flag = StringFlag("canary", "stable", "canary");
            (string, double)[] arms = canaryFirst
                ? [("canary", percent), ("stable", 100 - percent)]
                : [("stable", 100 - percent), ("canary", percent)];
            return Evaluator(flag.WithDefaultSplit(arms));
        }

        var at5 = At(5);
        var at25 = At(25);
        int on5 = 0, on25 = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var context = EvaluationContext.ForUnit("user-" + i.ToString(CultureInfo.InvariantCulture));
            var canaryAt5 = at5.GetVariant("canary", context) == "canary";
            var canaryAt25 = at25.GetVariant("canary", context) == "canary";
            on5 += canaryAt5 ? 1 : 0;
            on25 += canaryAt25 ? 1 : 0;
            Assert.True(!canaryAt5 || canaryAt25, "a unit on the canary at 5% left it at 25%");
        }

        Assert.InRange(on5, 800, 1200);
        Assert.InRange(on25, 4600, 5400);
    }

    [Fact]
    public void Evaluate_BucketBy_AssignsByAttributeNotUnit()
    {
        var flag = new FlagDefinition { Key = "per-tenant", BucketBy = "tenant" }.WithDefaultSplit(("on", 50), ("off", 50));
        var evaluator = Evaluator(flag);
        for (var t = 0; t < 200; t++)
        {
            var tenant = "tenant-" + t.ToString(CultureInfo.InvariantCulture);
            var expected = Bucketer.GetBucket("per-tenant", tenant) < 5000;
            for (var u = 0; u < 3; u++)
            {
                var context = new EvaluationContextBuilder("user-" + u.ToString(CultureInfo.InvariantCulture) + "-" + tenant).Set("tenant", tenant).Build();
                Assert.Equal(expected, evaluator.IsEnabled("per-tenant", context));
            }
        }
    }

    [Fact]
    public void Evaluate_BucketByNumberAttribute_UsesInvariantText()
    {
        var evaluator = Evaluator(new FlagDefinition { Key = "n", BucketBy = "org" }.WithDefaultSplit(("on", 50), ("off", 50)));
        var evaluation = evaluator.Evaluate("n", new EvaluationContextBuilder().Set("org", 1234).Build());
        Assert.Equal(Bucketer.GetBucket("n", "1234") < 5000 ? "on" : "off", evaluation.Variant);
    }

    [Fact]
    public void Evaluate_BucketByAttributeMissing_ReturnsTargetingKeyMissing()
    {
        var evaluator = Evaluator(new FlagDefinition { Key = "per-tenant", BucketBy = "tenant" }.WithDefaultSplit(("on", 50), ("off", 50)));
        var evaluation = evaluator.Evaluate("per-tenant", EvaluationContext.ForUnit("user-1"), FlagValue.False);
        Assert.Equal((EvaluationReason.Error, EvaluationErrorCode.TargetingKeyMissing), (evaluation.Reason, evaluation.ErrorCode));
        Assert.Equal(FlagValue.False, evaluation.Value);
    }

    [Fact]
    public void Evaluate_BucketByKey_UsesTargetingKey()
    {
        var evaluator = Evaluator(new FlagDefinition { Key = "k", BucketBy = "key" }.WithDefaultSplit(("on", 50), ("off", 50)));
        Assert.Equal(Bucketer.GetBucket("k", "user-7") < 5000, evaluator.IsEnabled("k", EvaluationContext.ForUnit("user-7")));
    }
}
