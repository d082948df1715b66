using System;
using System.Linq;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

public partial class FlagSetJsonTests
{
    [Fact]
    public void Parse_ManyErrors_ReportsEveryOneWithPathAndCode()
    {
        var result = FlagSetJson.Parse(FlagSetJsonSamples.ManyErrors);

        (string Path, string? FlagKey, string Code)[] expected =
        [
            ("$.flagz", null, DefinitionErrorCodes.UnknownField),
            ("$.flags['new-checkout'].kind", "new-checkout", DefinitionErrorCodes.UnknownKind),
            ("$.flags['new-checkout'].enabled", "new-checkout", DefinitionErrorCodes.WrongType),
            ("$.flags['new-checkout'].variants['off']", "new-checkout", DefinitionErrorCodes.WrongType),
            ("$.flags['new-checkout'].rules[0].condtions", "new-checkout", DefinitionErrorCodes.UnknownField),
            ("$.flags['new-checkout'].rules[0].conditions", "new-checkout", DefinitionErrorCodes.Missing),
            ("$.flags['new-checkout'].rules[1].conditions[0].values[1]", "new-checkout", DefinitionErrorCodes.WrongType),
            ("$.flags['new-checkout'].rules[1].conditions[1].operator", "new-checkout", DefinitionErrorCodes.UnknownOperator),
            ("$.flags['new-checkout'].rules[1].conditions[2].attribute", "new-checkout", DefinitionErrorCodes.Missing),
            ("$.flags['new-checkout'].rules[1].conditions[3].operator", "new-checkout", DefinitionErrorCodes.Missing),
            ("$.flags['new-checkout'].rules[1].split['on']", "new-checkout", DefinitionErrorCodes.WrongType),
            ("$.flags['new-checkout'].created", "new-checkout", DefinitionErrorCodes.InvalidDate),
            ("$.flags['new-checkout'].tags", "new-checkout", DefinitionErrorCodes.WrongType),
            ("$.flags['it\\'s'].prerequisites[0].flag", "it's", DefinitionErrorCodes.Missing),
            ("$.flags['it\\'s'].expires", "it's", DefinitionErrorCodes.InvalidDate),
            ("$.flags['bad']", "bad", DefinitionErrorCodes.WrongType),
            ("$.segments['beta'].included[1]", "beta", DefinitionErrorCodes.WrongType),
            ("$.segments['beta'].conditions[0]", "beta", DefinitionErrorCodes.InvalidValues),
        ];
        Assert.Equal(expected, result.Errors.Select(e => (e.Path, e.FlagKey, e.Code)));
        Assert.False(result.Succeeded);
        Assert.Equal(["new-checkout", "it's", "bad"], result.Definitions.Flags.Select(f => f.Key));
    }

    [Fact]
    public void Parse_ManyErrors_MessagesSayWhatIsExpected()
    {
        var errors = FlagSetJson.Parse(FlagSetJsonSamples.ManyErrors).Errors;

        Assert.Equal(
            "Unknown field 'flagz' in the root. Did you mean 'flags'? Valid fields: $schema, flags, segments, rollouts, description, comment.",
            errors[0].Message);
        Assert.Equal(
            "Unknown flag kind 'relase'. Did you mean 'release'? Valid kinds: release, experiment, ops, permission.",
            errors[1].Message);
        Assert.Equal("Expected a boolean (true or false), found a string.", errors[2].Message);
        Assert.StartsWith("Unknown field 'condtions' in a rule. Did you mean 'conditions'?", errors[4].Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "Unknown operator 'endswith'. Did you mean 'endsWith'? Valid operators (case-sensitive): equals, notEquals, in, notIn,",
            errors[7].Message,
            StringComparison.Ordinal);
        Assert.Contains("'yesterday' is not an ISO 8601 date", errors[11].Message, StringComparison.Ordinal);
        Assert.Equal("Expected a flag (an object), found an array.", errors[15].Message);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsOneErrorWithLineAndByte()
    {
        const string Json = "{\n  \"flags\": {\n    \"f\": { \"enabled\": tru }\n  }\n}";

        var result = FlagSetJson.Parse(Json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("$", null, DefinitionErrorCodes.InvalidJson), (error.Path, error.FlagKey, error.Code));
        Assert.StartsWith("The document is not valid JSON (line 3, byte 26 of the line): 'tru ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Definitions.Flags);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{ \"flags\": {} } trailing")]
    [InlineData("{ \"flags\": { ")]
    public void Parse_NotJson_ReportsInvalidJson(string json)
    {
        var error = Assert.Single(FlagSetJson.Parse(json).Errors);

        Assert.Equal(DefinitionErrorCodes.InvalidJson, error.Code);
    }

    [Fact]
    public void Parse_InvalidUtf8_ReportsInvalidJson()
    {
        byte[] bytes = [(byte)'{', (byte)'\n', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        var error = Assert.Single(FlagSetJson.Parse(bytes.AsSpan()).Errors);

        Assert.Equal(DefinitionErrorCodes.InvalidJson, error.Code);
        Assert.Equal("The document is not valid UTF-8 (line 2, byte 2 of the line).", error.Message);
    }

    [Fact]
    public void Parse_StringWithLoneSurrogate_ReportsInvalidJson()
    {
        var error = Assert.Single(FlagSetJson.Parse("{\n  \"flags\": { \"\uD800\": {} } }").Errors);

        Assert.Equal(DefinitionErrorCodes.InvalidJson, error.Code);
        Assert.Equal("The document has an unpaired surrogate character (line 2, character 15 of the line).", error.Message);
    }

    [Fact]
    public void Parse_RootNotAnObject_ReportsWrongTypeAtRoot()
    {
        var error = Assert.Single(FlagSetJson.Parse("[1, 2]").Errors);

        Assert.Equal(("$", DefinitionErrorCodes.WrongType), (error.Path, error.Code));
    }

    [Fact]
    public void Parse_FieldGivenTwice_ReportsDuplicateAndKeepsFirst()
    {
        var result = FlagSetJson.Parse("""{ "flags": { "f": { "kind": "ops", "kind": "experiment" } } }""");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("$.flags['f'].kind", "f", DefinitionErrorCodes.DuplicateKey), (error.Path, error.FlagKey, error.Code));
        Assert.Equal(FlagKind.Ops, result.Definitions.Flags[0].Kind);
    }

    [Fact]
    public void Parse_OperatorInWrongCase_SuggestsExactSpelling()
    {
        var error = Assert.Single(FlagSetJson.Parse(
            """{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "v", "operator": "SEMVERLESSTHAN", "value": "1.0.0" }], "variant": "on" }] } } }""").Errors);

        Assert.Equal(DefinitionErrorCodes.UnknownOperator, error.Code);
        Assert.StartsWith("Unknown operator 'SEMVERLESSTHAN'. Did you mean 'semVerLessThan'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("==", "equals")]
    [InlineData("GTE", "greaterThanOrEqual")]
    [InlineData("regex", "matches")]
    [InlineData("starts_with", "startsWith")]
    [InlineData("not-in-segment", "notInSegment")]
    [InlineData("contain", "contains")]
    public void Parse_OperatorFromAnotherSpelling_SuggestsOurs(string spelling, string suggestion)
    {
        var error = Assert.Single(FlagSetJson.Parse(
            $$"""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "v", "operator": "{{spelling}}", "value": "1" }], "variant": "on" }] } } }""").Errors);

        Assert.Equal(DefinitionErrorCodes.UnknownOperator, error.Code);
        Assert.StartsWith($"Unknown operator '{spelling}'. Did you mean '{suggestion}'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnrelatedUnknownName_ListsValidNamesWithoutGuessing()
    {
        var error = Assert.Single(FlagSetJson.Parse(
            """{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "v", "operator": "frobnicate", "value": "1" }], "variant": "on" }] } } }""").Errors);

        Assert.DoesNotContain("Did you mean", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("semVerGreaterThanOrEqual, inSegment, notInSegment, exists, numberEquals, numberNotEquals.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("case_sensitive", "caseSensitive")]
    [InlineData("Operator", "operator")]
    [InlineData("atribute", "attribute")]
    public void Parse_MisspeltField_SuggestsTheField(string field, string suggestion)
    {
        var errors = FlagSetJson.Parse(
            $$"""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "v", "operator": "exists", "{{field}}": true }], "variant": "on" }] } } }""").Errors;

        var error = Assert.Single(errors, e => e.Code == DefinitionErrorCodes.UnknownField);
        Assert.Equal($"$.flags['f'].rules[0].conditions[0].{field}", error.Path);
        Assert.StartsWith($"Unknown field '{field}' in a condition. Did you mean '{suggestion}'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeysNeedingEscapes_PathsQuoteThem()
    {
        var result = FlagSetJson.Parse("""{ "flags": { "a'b\\c\nd": { "enabled": 1 } }, "weird field": 1 }""");

        Assert.Equal(
            ["$.flags['a\\'b\\\\c\\nd'].enabled", "$['weird field']"],
            result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Parse_NumberOutOfDoubleRange_ReportsInvalidValue()
    {
        var error = Assert.Single(FlagSetJson.Parse("""{ "flags": { "f": { "variants": { "big": 1e400 } } } }""").Errors);

        Assert.Equal(("$.flags['f'].variants['big']", DefinitionErrorCodes.InvalidValue), (error.Path, error.Code));
    }

    [Fact]
    public void Parse_FieldsInError_KeepDefaultsInBestEffortDefinitions()
    {
        var result = FlagSetJson.Parse("""{ "flags": { "f": { "enabled": "no", "kind": "nope", "variants": { "a": null } } } }""");

        var flag = Assert.Single(result.Definitions.Flags);
        Assert.Equal(3, result.Errors.Count);
        Assert.True(flag.Enabled);
        Assert.Equal(FlagKind.Release, flag.Kind);
        Assert.Equal(("a", FlagValueKind.None), (flag.Variants[0].Name, flag.Variants[0].Value.Kind));
    }

    [Fact]
    public void EnsureSucceeded_WithErrors_ThrowsDefinitionExceptionWithAllErrors()
    {
        var result = FlagSetJson.Parse(FlagSetJsonSamples.ManyErrors);

        var exception = Assert.Throws<DefinitionException>(() => result.EnsureSucceeded());

        Assert.Same(result.Errors, exception.Errors);
        Assert.Contains("$.flags['new-checkout'].rules[1].conditions[1].operator: Unknown operator 'endswith'", exception.Message, StringComparison.Ordinal);
    }
}
