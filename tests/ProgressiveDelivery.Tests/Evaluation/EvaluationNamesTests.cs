using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.Tests.Evaluation;

public class EvaluationNamesTests
{
    [Theory]
    [InlineData(EvaluationReason.Static, "static")]
    [InlineData(EvaluationReason.Default, "default")]
    [InlineData(EvaluationReason.TargetingMatch, "targeting_match")]
    [InlineData(EvaluationReason.Split, "split")]
    [InlineData(EvaluationReason.Disabled, "disabled")]
    [InlineData(EvaluationReason.PrerequisiteFailed, "prerequisite_failed")]
    [InlineData(EvaluationReason.Error, "error")]
    public void GetName_Reason_IsOpenFeatureName(EvaluationReason reason, string expected) =>
        Assert.Equal(expected, EvaluationNames.GetName(reason));

    [Theory]
    [InlineData(EvaluationErrorCode.None, "")]
    [InlineData(EvaluationErrorCode.FlagNotFound, "flag_not_found")]
    [InlineData(EvaluationErrorCode.TypeMismatch, "type_mismatch")]
    [InlineData(EvaluationErrorCode.TargetingKeyMissing, "targeting_key_missing")]
    [InlineData(EvaluationErrorCode.ParseError, "parse_error")]
    [InlineData(EvaluationErrorCode.General, "general")]
    public void GetName_ErrorCode_IsOpenFeatureName(EvaluationErrorCode code, string expected) =>
        Assert.Equal(expected, EvaluationNames.GetName(code));

    [Fact]
    public void GetName_UndefinedValues_FallBackToErrorAndGeneral()
    {
        Assert.Equal("error", EvaluationNames.GetName((EvaluationReason)99));
        Assert.Equal("general", EvaluationNames.GetName((EvaluationErrorCode)99));
    }
}
