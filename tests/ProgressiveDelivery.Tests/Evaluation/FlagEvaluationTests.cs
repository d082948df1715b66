using System;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Evaluation;

public class FlagEvaluationTests
{
    [Fact]
    public void Constructor_NullKey_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new FlagEvaluation(null!, FlagValue.True, "on", EvaluationReason.Static));

    [Fact]
    public void Properties_ReflectConstructorArguments()
    {
        var evaluation = new FlagEvaluation("f", FlagValue.True, "on", EvaluationReason.TargetingMatch, 2);
        Assert.Equal(("f", "on", EvaluationReason.TargetingMatch, 2, false), (evaluation.FlagKey, evaluation.Variant, evaluation.Reason, evaluation.RuleIndex, evaluation.IsError));
        Assert.Equal("targeting_match", evaluation.ReasonName);
        Assert.Equal(string.Empty, evaluation.ErrorCodeName);
        Assert.Equal("f=on (targeting_match, true)", evaluation.ToString());
    }

    [Fact]
    public void IsError_WhenErrorCodeSet_IsTrue()
    {
        var evaluation = new FlagEvaluation("f", FlagValue.False, null, EvaluationReason.Error, -1, EvaluationErrorCode.General, "boom");
        Assert.True(evaluation.IsError);
        Assert.Equal("general", evaluation.ErrorCodeName);
        Assert.Equal("boom", evaluation.ErrorMessage);
    }
}
