using System;
using System.Text;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using static ProgressiveDelivery.Tests.Evaluation.Definitions;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>The exact semantics of every <see cref="ConditionOperator"/>, through a one-rule flag.</summary>
public class ConditionOperatorTests
{
    private static readonly EvaluationContext User = new EvaluationContextBuilder("user-42")
        .Set("country", "NL")
        .Set("email", "Ada@Example.com")
        .Set("age", 31)
        .Set("ageText", "31.5")
        .Set("notANumber", "abc")
        .Set("beta", true)
        .Set("signedUp", new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)))
        .Set("signedUpText", "2025-06-01T10:00:00Z")
        .Set("signedUpUnix", 1748772000) // 2025-06-01T10:00:00Z
        .Set("appVersion", "2.3.0-beta.2")
        .Set("roles", ["viewer", "editor"])
        .Build();

    [Theory]
    [InlineData(ConditionOperator.Equals, "NL", true)]
    [InlineData(ConditionOperator.Equals, "nl", false)]
    [InlineData(ConditionOperator.Equals, "DE", false)]
    [InlineData(ConditionOperator.NotEquals, "DE", true)]
    [InlineData(ConditionOperator.NotEquals, "NL", false)]
    [InlineData(ConditionOperator.In, "BE,NL,LU", true)]
    [InlineData(ConditionOperator.In, "BE,LU", false)]
    [InlineData(ConditionOperator.NotIn, "BE,LU", true)]
    [InlineData(ConditionOperator.NotIn, "BE,NL", false)]
    [InlineData(ConditionOperator.StartsWith, "N", true)]
    [InlineData(ConditionOperator.StartsWith, "L", false)]
    [InlineData(ConditionOperator.EndsWith, "L", true)]
    [InlineData(ConditionOperator.EndsWith, "N", false)]
    [InlineData(ConditionOperator.Contains, "X,NL", true)]
    [InlineData(ConditionOperator.Contains, "X", false)]
    [InlineData(ConditionOperator.Matches, "^N[A-Z]$", true)]
    [InlineData(ConditionOperator.Matches, "^n", false)]
    public void StringOperators_CaseSensitive_HoldAsDocumented(ConditionOperator op, string values, bool expected) =>
        Assert.Equal(expected, Holds(Condition("country", op, values.Split(',')), User));

    [Theory]
    [InlineData(ConditionOperator.Equals, "ada@example.com", true)]
    [InlineData(ConditionOperator.NotEquals, "ADA@EXAMPLE.COM", false)]
    [InlineData(ConditionOperator.In, "x,ADA@example.COM", true)]
    [InlineData(ConditionOperator.NotIn, "ada@example.com", false)]
    [InlineData(ConditionOperator.StartsWith, "ada@", true)]
    [InlineData(ConditionOperator.EndsWith, "@EXAMPLE.COM", true)]
    [InlineData(ConditionOperator.Contains, "@example", true)]
    [InlineData(ConditionOperator.Matches, "^ada@example\\.com$", true)]
    public void StringOperators_CaseInsensitive_IgnoreCase(ConditionOperator op, string values, bool expected)
    {
        Assert.Equal(expected, Holds(Condition("email", op, caseSensitive: false, values.Split(',')), User));
        if (op is ConditionOperator.Equals or ConditionOperator.In or ConditionOperator.StartsWith or ConditionOperator.EndsWith or ConditionOperator.Contains or ConditionOperator.Matches)
        {
            Assert.False(Holds(Condition("email", op, caseSensitive: true, values.Split(',')), User));
        }
    }

    [Theory]
    [InlineData(ConditionOperator.Equals)]
    [InlineData(ConditionOperator.NotEquals)]
    [InlineData(ConditionOperator.In)]
    [InlineData(ConditionOperator.NotIn)]
    [InlineData(ConditionOperator.StartsWith)]
    [InlineData(ConditionOperator.EndsWith)]
    [InlineData(ConditionOperator.Contains)]
    [InlineData(ConditionOperator.Matches)]
    [InlineData(ConditionOperator.LessThan)]
    [InlineData(ConditionOperator.GreaterThanOrEqual)]
    [InlineData(ConditionOperator.Before)]
    [InlineData(ConditionOperator.After)]
    [InlineData(ConditionOperator.SemVerEquals)]
    [InlineData(ConditionOperator.SemVerGreaterThan)]
    public void AnyOperator_MissingAttribute_IsFalseEvenWhenNegative(ConditionOperator op)
    {
        var value = op switch
        {
            ConditionOperator.Before or ConditionOperator.After => "2026-01-01",
            ConditionOperator.SemVerEquals or ConditionOperator.SemVerGreaterThan => "1.0.0",
            ConditionOperator.LessThan or ConditionOperator.GreaterThanOrEqual => "1",
            _ => "x",
        };

        Assert.False(Holds(Condition("absent", op, value), User));
    }

    [Fact]
    public void Equals_TargetingKeyAttribute_ComparesTheUnitId()
    {
        Assert.True(Holds(Condition("key", ConditionOperator.In, "user-1", "user-42"), User));
        Assert.False(Holds(Condition("key", ConditionOperator.In, "user-1"), User));
        Assert.False(Holds(Condition("key", ConditionOperator.NotIn, "user-1"), EvaluationContext.Empty));
    }

    [Fact]
    public void StringOperators_NumberAndBooleanAttributes_UseInvariantText()
    {
        Assert.True(Holds(Condition("age", ConditionOperator.Equals, "31"), User));
        Assert.True(Holds(Condition("age", ConditionOperator.In, "30", "31"), User));
        Assert.True(Holds(Condition("beta", ConditionOperator.Equals, "true"), User));
        Assert.True(Holds(Condition("beta", ConditionOperator.Equals, caseSensitive: false, "TRUE"), User));
        Assert.True(Holds(Condition("signedUp", ConditionOperator.StartsWith, "2025-06-01T10:00:00"), User));
        var fractional = new EvaluationContextBuilder("u").Set("ratio", 0.25).Build();
        Assert.True(Holds(Condition("ratio", ConditionOperator.Equals, "0.25"), fractional));
    }

    [Fact]
    public void StringOperators_StringList_HoldWhenAnyElementHolds()
    {
        Assert.True(Holds(Condition("roles", ConditionOperator.In, "admin", "editor"), User));
        Assert.True(Holds(Condition("roles", ConditionOperator.Equals, "viewer"), User));
        Assert.False(Holds(Condition("roles", ConditionOperator.In, "admin"), User));
        Assert.True(Holds(Condition("roles", ConditionOperator.NotIn, "admin"), User));
        Assert.False(Holds(Condition("roles", ConditionOperator.NotIn, "admin", "viewer"), User));
        Assert.True(Holds(Condition("roles", ConditionOperator.StartsWith, "edi"), User));
        var empty = new EvaluationContextBuilder("u").Set("roles", Array.Empty<string>()).Build();
        Assert.True(Holds(Condition("roles", ConditionOperator.NotIn, "admin"), empty));
        Assert.True(Holds(Condition("roles", ConditionOperator.Exists), empty));
    }

    [Theory]
    [InlineData("age", ConditionOperator.LessThan, "32", true)]
    [InlineData("age", ConditionOperator.LessThan, "31", false)]
    [InlineData("age", ConditionOperator.LessThanOrEqual, "31", true)]
    [InlineData("age", ConditionOperator.LessThanOrEqual, "30.99", false)]
    [InlineData("age", ConditionOperator.GreaterThan, "30", true)]
    [InlineData("age", ConditionOperator.GreaterThan, "31", false)]
    [InlineData("age", ConditionOperator.GreaterThanOrEqual, "31", true)]
    [InlineData("age", ConditionOperator.GreaterThanOrEqual, "3.2e1", false)]
    [InlineData("ageText", ConditionOperator.GreaterThan, "31", true)]
    [InlineData("ageText", ConditionOperator.LessThan, "31.25", false)]
    [InlineData("notANumber", ConditionOperator.LessThan, "1000", false)]
    [InlineData("notANumber", ConditionOperator.GreaterThan, "-1000", false)]
    [InlineData("beta", ConditionOperator.GreaterThan, "0", false)]
    [InlineData("country", ConditionOperator.GreaterThan, "0", false)]
    public void NumericOperators_ParseInvariantly(string attribute, ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Holds(Condition(attribute, op, value), User));

    [Fact]
    public void NumericOperators_StringAttribute_IgnoreCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("nl-NL");
            var context = new EvaluationContextBuilder("u").Set("price", "1.5").Set("commaPrice", "1,5").Build();
            Assert.True(Holds(Condition("price", ConditionOperator.GreaterThan, "1.25"), context));
            Assert.False(Holds(Condition("commaPrice", ConditionOperator.GreaterThan, "1"), context));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("signedUp", ConditionOperator.Before, "2025-06-01T10:00:01Z", true)]
    [InlineData("signedUp", ConditionOperator.Before, "2025-06-01T10:00:00Z", false)]
    [InlineData("signedUp", ConditionOperator.After, "2025-06-01T09:59:59Z", true)]
    [InlineData("signedUp", ConditionOperator.After, "2025-06-01T12:00:00+02:00", false)]
    [InlineData("signedUp", ConditionOperator.After, "2025-06-01", true)]
    [InlineData("signedUp", ConditionOperator.Before, "1748772001", true)]
    [InlineData("signedUpText", ConditionOperator.Before, "2025-06-02", true)]
    [InlineData("signedUpText", ConditionOperator.After, "2025-06-02", false)]
    [InlineData("signedUpUnix", ConditionOperator.After, "2025-06-01T09:00:00Z", true)]
    [InlineData("signedUpUnix", ConditionOperator.Before, "2025-06-01T09:00:00Z", false)]
    [InlineData("country", ConditionOperator.Before, "2030-01-01", false)]
    [InlineData("beta", ConditionOperator.Before, "2030-01-01", false)]
    public void DateOperators_CompareInstants(string attribute, ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Holds(Condition(attribute, op, value), User));

    [Theory]
    [InlineData(ConditionOperator.SemVerEquals, "2.3.0-beta.2", true)]
    [InlineData(ConditionOperator.SemVerEquals, "v2.3.0-beta.2+build.7", true)]
    [InlineData(ConditionOperator.SemVerEquals, "2.3.0", false)]
    [InlineData(ConditionOperator.SemVerLessThan, "2.3.0", true)]
    [InlineData(ConditionOperator.SemVerLessThan, "2.3.0-beta.11", true)]
    [InlineData(ConditionOperator.SemVerLessThan, "2.3.0-beta", false)]
    [InlineData(ConditionOperator.SemVerLessThanOrEqual, "2.3.0-beta.2", true)]
    [InlineData(ConditionOperator.SemVerGreaterThan, "2.3.0-alpha", true)]
    [InlineData(ConditionOperator.SemVerGreaterThan, "2.2.99", true)]
    [InlineData(ConditionOperator.SemVerGreaterThan, "2.3.0-rc.1", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "2.3.0-beta.2", true)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "10.0.0", false)]
    public void SemVerOperators_UseSemVerPrecedence(ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Holds(Condition("appVersion", op, value), User));

    // The major version is read first and decides alone when it rules the comparison out; these pin that the answer is
    // the full SemVer answer either way: invalid text is false even when its leading number would satisfy the operator.
    [Theory]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "3.9.1", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "5.0.0", true)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "V5.0.0", true)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "5.x", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "3.x", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "05.0.0", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "4.0.0-rc.1", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "4", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "x4.0.0", false)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "12345678901234567890.0.0", true)]
    [InlineData(ConditionOperator.SemVerGreaterThanOrEqual, "99999999999999999999.0.0", false)]
    [InlineData(ConditionOperator.SemVerGreaterThan, "4.0.0", false)]
    [InlineData(ConditionOperator.SemVerGreaterThan, "4.0.1", true)]
    [InlineData(ConditionOperator.SemVerLessThan, "3.9.1", true)]
    [InlineData(ConditionOperator.SemVerLessThan, "v0.0.0", true)]
    [InlineData(ConditionOperator.SemVerLessThan, "3.x", false)]
    [InlineData(ConditionOperator.SemVerLessThan, "5.0.0", false)]
    [InlineData(ConditionOperator.SemVerLessThan, "00.1.0", false)]
    [InlineData(ConditionOperator.SemVerLessThanOrEqual, "4.0.0+build", true)]
    [InlineData(ConditionOperator.SemVerLessThanOrEqual, "40.0.0", false)]
    [InlineData(ConditionOperator.SemVerEquals, "4.0.0+build", true)]
    [InlineData(ConditionOperator.SemVerEquals, "3.0.0", false)]
    [InlineData(ConditionOperator.SemVerEquals, "4.0", false)]
    public void SemVerOperators_MajorVersionShortcut_AgreesWithFullPrecedence(ConditionOperator op, string value, bool expected)
    {
        var condition = Condition("v", op, "4.0.0");
        Assert.Equal(expected, Holds(condition, new EvaluationContextBuilder("u").Set("v", value).Build()));
        Assert.Equal(expected, Holds(condition, new EvaluationContextBuilder("u").Set("v", ["x", value]).Build()));
        Assert.Equal(expected, Holds(Condition("key", op, "4.0.0"), EvaluationContext.ForUnit(value.Length == 0 ? "-" : value)));
    }

    [Fact]
    public void SemVerEquals_SeveralOperands_AnyMajorMayMatch()
    {
        var condition = Condition("v", ConditionOperator.SemVerEquals, "1.0.0", "4.0.0", "7.0.0");
        Assert.True(Holds(condition, new EvaluationContextBuilder("u").Set("v", "4.0.0").Build()));
        Assert.True(Holds(condition, new EvaluationContextBuilder("u").Set("v", "v7.0.0").Build()));
        Assert.False(Holds(condition, new EvaluationContextBuilder("u").Set("v", "5.0.0").Build()));
    }

    [Theory]
    [InlineData("NL", true)]
    [InlineData("BE", true)]
    [InlineData("", true)]
    [InlineData("N", false)]
    [InlineData("NLX", false)]
    [InlineData("LN", false)]
    public void In_FewValuesScannedManyHashed_SameMembership(string country, bool expected)
    {
        var context = new EvaluationContextBuilder("u").Set("country", country).Build();
        Assert.Equal(expected, Holds(Condition("country", ConditionOperator.In, "NL", "BE", ""), context));
        Assert.Equal(expected, Holds(Condition("country", ConditionOperator.In, "NL", "BE", "", "A", "B", "C", "D"), context));
        Assert.Equal(!expected, Holds(Condition("country", ConditionOperator.NotIn, "NL", "BE", ""), context));
        Assert.Equal(expected, Holds(Condition("country", ConditionOperator.In, caseSensitive: false, "nl", "be", ""), context));
    }

    [Fact]
    public void AttributeLookup_NameNotTheSameStringObject_StillFound()
    {
        var name = new string("country".AsSpan()); // equal to the literal, but another object
        var context = new EvaluationContextBuilder("u").Set(name, "NL").Build();
        Assert.True(Holds(Condition("country", ConditionOperator.Equals, "NL"), context));
        Assert.False(Holds(Condition("Country", ConditionOperator.Equals, "NL"), context));
    }

    [Fact]
    public void SemVerOperators_AttributeNotAVersion_IsFalse()
    {
        var context = new EvaluationContextBuilder("u").Set("v", "2.3").Set("n", 2).Build();
        Assert.False(Holds(Condition("v", ConditionOperator.SemVerLessThan, "9.0.0"), context));
        Assert.False(Holds(Condition("n", ConditionOperator.SemVerLessThan, "9.0.0"), context));
    }

    [Fact]
    public void Exists_PresentAttributeOfAnyType_Holds()
    {
        Assert.True(Holds(Condition("country", ConditionOperator.Exists), User));
        Assert.True(Holds(Condition("beta", ConditionOperator.Exists), User));
        Assert.False(Holds(Condition("absent", ConditionOperator.Exists), User));
        Assert.True(Holds(Condition("key", ConditionOperator.Exists), User));
        Assert.False(Holds(Condition("key", ConditionOperator.Exists), EvaluationContext.Empty));
    }

    [Fact]
    public void Matches_CatastrophicPatternOnLongInput_CompletesInLinearTime()
    {
        var input = new StringBuilder().Append('a', 100_000).Append('!').ToString();
        var context = new EvaluationContextBuilder("u").Set("text", input).Build();
        Assert.False(Holds(Condition("text", ConditionOperator.Matches, "^(a+)+$"), context));
        Assert.True(Holds(Condition("text", ConditionOperator.Matches, "(a+)+!$"), context));
    }

    [Fact]
    public void InSegment_IncludedExcludedAndConditions_DecideMembership()
    {
        var beta = Segment("beta", included: ["user-1"], excluded: ["user-2"], Condition("country", ConditionOperator.Equals, "NL"));
        var staff = Segment("staff", included: ["user-9"]);
        var flag = BooleanFlag("f", "off").WithRules(Rule("on", Condition(string.Empty, ConditionOperator.InSegment, "beta", "staff")));
        var notFlag = BooleanFlag("g", "off").WithRules(Rule("on", Condition(string.Empty, ConditionOperator.NotInSegment, "beta")));
        var evaluator = Evaluator([flag, notFlag], [beta, staff]);

        bool In(EvaluationContext context) => evaluator.IsEnabled("f", context);
        Assert.True(In(new EvaluationContextBuilder("user-1").Set("country", "DE").Build()));    // included
        Assert.False(In(new EvaluationContextBuilder("user-2").Set("country", "NL").Build()));   // excluded wins over conditions
        Assert.True(In(new EvaluationContextBuilder("user-3").Set("country", "NL").Build()));    // conditions
        Assert.False(In(new EvaluationContextBuilder("user-3").Set("country", "DE").Build()));
        Assert.True(In(EvaluationContext.ForUnit("user-9")));                                     // second segment
        Assert.True(In(new EvaluationContextBuilder().Set("country", "NL").Build()));             // anonymous: conditions only
        Assert.False(evaluator.IsEnabled("g", new EvaluationContextBuilder("user-3").Set("country", "NL").Build()));
        Assert.True(evaluator.IsEnabled("g", EvaluationContext.ForUnit("user-2")));
    }

    [Fact]
    public void InSegment_SegmentWithoutConditionsOrIncludes_ContainsNobody()
    {
        var flag = BooleanFlag("f", "off").WithRules(Rule("on", Condition(string.Empty, ConditionOperator.InSegment, "empty")));
        var evaluator = Evaluator([flag], [Segment("empty")]);
        Assert.False(evaluator.IsEnabled("f", EvaluationContext.ForUnit("anyone")));
    }

    [Fact]
    public void Rule_SeveralConditions_AllMustHold()
    {
        var both = new[] { Condition("country", ConditionOperator.Equals, "NL"), Condition("age", ConditionOperator.GreaterThan, "30") };
        Assert.True(Holds(both, User));
        both[1] = Condition("age", ConditionOperator.GreaterThan, "40");
        Assert.False(Holds(both, User));
        Assert.True(Holds([], User));
    }
}
