using System;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

// Reading: both schemas, FM's case-insensitivity, errors with paths, and time windows at hand-computed instants.
public partial class FeatureManagementFlagsTests
{
    [Fact]
    public void Parse_BothSchemas_CurrentSchemaWinsAndTheLastOfAnIdIsRead()
    {
        var flags = FeatureManagementFlags.Parse("""
            {
              "Feature_Management": { "Feature_Flags": [
                { "ID": "Shadowed", "Enabled": "true" },
                { "id": "shadowed", "enabled": "false" },
                { "Id": "Search", "ENABLED": "True", "Conditions": { "Requirement_Type": "ALL",
                  "Client_Filters": [ { "Name": "targeting", "Parameters": { "audience": { "users": [ "alice" ] } } } ] } } ] },
              "featureManagement": {
                "SEARCH": true, "Legacy": true, "Off": "false", "Listed": { "EnabledFor": [ { "Name": "On" } ] }, "Short": { "EnabledFor": "true" },
                "Targeted": { "RequirementType": "Any", "EnabledFor": [ { "Name": "Microsoft.Targeting", "Parameters": { "Audience": { "Users": [ "bob" ] } } } ] }
              }
            }
            """);
        Assert.Empty(flags.Errors);
        Assert.Equal(["shadowed", "Search", "Legacy", "Listed", "Off", "Short", "Targeted"], flags.FlagKeys); // .NET schema in configuration's key order
        Assert.True(FlagSnapshot.Empty.TryAdd(flags, out var snapshot, out _));
        var evaluator = new FlagEvaluator(snapshot);

        Assert.False(evaluator.IsEnabled("shadowed", Context("alice")));
        Assert.True(evaluator.IsEnabled("Search", Context("alice")));
        Assert.False(evaluator.IsEnabled("Search", Context("bob")));
        Assert.True(evaluator.IsEnabled("Legacy", EvaluationContext.Empty));
        Assert.True(evaluator.IsEnabled("Listed", EvaluationContext.Empty));
        Assert.True(evaluator.IsEnabled("Short", EvaluationContext.Empty));
        Assert.False(evaluator.IsEnabled("Off", EvaluationContext.Empty));
        Assert.True(evaluator.IsEnabled("Targeted", Context("bob")));
        Assert.False(evaluator.IsEnabled("Targeted", Context("alice")));
    }

    [Fact]
    public void Parse_UnsupportedOrInvalidFeatures_AreLeftOutWithTheirPathAndTheOthersRead()
    {
        var flags = FeatureManagementFlags.Parse("""
            { "feature_management": { "feature_flags": [
              { "id": "Custom", "enabled": true, "conditions": { "client_filters": [ { "name": "AlwaysOn" }, { "name": "MyCompany.Beta" } ] } },
              { "id": "NoAudience", "enabled": true, "conditions": { "client_filters": [ { "name": "Microsoft.Targeting", "parameters": { } } ] } },
              { "id": "TooMuch", "enabled": true, "conditions": { "client_filters": [ { "name": "Targeting", "parameters": { "Audience": { "DefaultRolloutPercentage": 150 } } } ] } },
              { "id": "Backwards", "enabled": true, "variants": [ { "name": "A" } ], "allocation": { "percentile": [ { "variant": "A", "from": 60, "to": 40 } ] } },
              { "id": "NoUsers", "enabled": true, "variants": [ { "name": "A" } ], "allocation": { "user": [ { "variant": "A" } ] } },
              { "id": "Maybe", "enabled": "yes" },
              { "id": "My Feature", "enabled": true },
              { "id": "Tuesday", "enabled": true, "conditions": { "client_filters": [ { "name": "TimeWindow", "parameters": {
                "Start": "2026-03-16T09:00:00+02:00", "End": "2026-03-16T10:00:00+02:00",
                "Recurrence": { "Pattern": { "Type": "Weekly", "DaysOfWeek": [ "Tuesday" ] }, "Range": { "Type": "NoEnd" } } } } ] } },
              { "id": "Good", "enabled": true }
            ] } }
            """);

        Assert.Equal(["Good"], flags.FlagKeys);
        Assert.Collection(
            flags.Errors,
            e => Assert.Equal(("feature_management:feature_flags:0:conditions:client_filters:1:name", "Custom", DefinitionErrorCodes.UnsupportedFilter), (e.Path, e.FlagKey, e.Code)),
            e => Assert.Equal(("feature_management:feature_flags:1:conditions:client_filters:0:parameters:Audience", DefinitionErrorCodes.Missing), (e.Path, e.Code)),
            e => Assert.Equal(("feature_management:feature_flags:2:conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage", DefinitionErrorCodes.InvalidValue), (e.Path, e.Code)),
            e => Assert.Equal(("feature_management:feature_flags:3:allocation:percentile:0", DefinitionErrorCodes.InvalidValue), (e.Path, e.Code)),
            e => Assert.Equal(("feature_management:feature_flags:4:allocation:user:0:users", DefinitionErrorCodes.Missing), (e.Path, e.Code)),
            e => Assert.Equal(("feature_management:feature_flags:5:enabled", DefinitionErrorCodes.InvalidValue), (e.Path, e.Code)),
            e => Assert.Equal(("feature_management:feature_flags:6", DefinitionErrorCodes.InvalidKey), (e.Path, e.Code)),
            e => Assert.Equal(("feature_management:feature_flags:7:conditions:client_filters:0:parameters:Recurrence:Pattern:DaysOfWeek", DefinitionErrorCodes.InvalidValue), (e.Path, e.Code)));
        Assert.Contains("'MyCompany.Beta'", flags.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("Feature 'Custom'", flags.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_ReadsNothingAndSaysWhy()
    {
        var flags = FeatureManagementFlags.Parse("{ \"feature_management\": ");

        Assert.Empty(flags.FlagKeys);
        Assert.Equal(DefinitionErrorCodes.InvalidJson, Assert.Single(flags.Errors).Code);
        Assert.Throws<ArgumentNullException>(() => FeatureManagementFlags.Parse(null!));
    }

    [Fact]
    public void TryAdd_KeyAlreadyInTheSnapshot_FailsWithTheFeaturePath()
    {
        var snapshot = FlagSnapshot.FromJson("""{ "flags": { "Search": { "defaultVariant": "on" } } }""");
        var flags = FeatureManagementFlags.Parse("""{ "FeatureManagement": { "Search": true, "Other": true } }""");

        Assert.False(snapshot.TryAdd(flags, out var combined, out var errors));
        Assert.Null(combined);
        Assert.Equal(("FeatureManagement:Search", "Search", DefinitionErrorCodes.DuplicateKey), (errors[0].Path, errors[0].FlagKey, errors[0].Code));
        Assert.Throws<ArgumentNullException>(() => snapshot.TryAdd(null!, out _, out _));
    }

    // Monday 2026-03-16 09:00-10:00 at +02:00 (07:00-08:00 UTC), repeated on Mondays and Wednesdays, three occurrences.
    [Theory]
    [InlineData("2026-03-16T06:59:59Z", false)]
    [InlineData("2026-03-16T07:00:00Z", true)]
    [InlineData("2026-03-16T07:59:59Z", true)]
    [InlineData("2026-03-16T08:00:00Z", false)]
    [InlineData("2026-03-17T07:30:00Z", false)] // Tuesday
    [InlineData("2026-03-18T07:30:00Z", true)] // Wednesday, second occurrence
    [InlineData("2026-03-23T07:30:00Z", true)] // Monday, third
    [InlineData("2026-03-25T07:30:00Z", false)] // Wednesday, a fourth: past NumberOfOccurrences
    public void TimeWindow_WeeklyNumberedRecurrence_MatchesHandComputedOccurrences(string now, bool expected)
    {
        var json = """
            { "feature_management": { "feature_flags": [ { "id": "Standup", "enabled": true, "conditions": { "client_filters": [ { "name": "Microsoft.TimeWindow", "parameters": {
              "Start": "2026-03-16T09:00:00+02:00", "End": "2026-03-16T10:00:00+02:00",
              "Recurrence": { "Pattern": { "Type": "Weekly", "DaysOfWeek": [ "Wednesday", "Monday" ] }, "Range": { "Type": "Numbered", "NumberOfOccurrences": 3 } } } } ] } } ] } }
            """;
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, Evaluator(json, clock).IsEnabled("Standup", EvaluationContext.Empty));
    }

    // Every other day from Sunday 2026-03-15 22:00 UTC for 4 hours (over midnight), occurrences starting until 2026-03-19.
    [Theory]
    [InlineData("2026-03-16T01:59:00Z", true)]
    [InlineData("2026-03-16T02:00:00Z", false)]
    [InlineData("2026-03-16T23:00:00Z", false)] // the next day: not an occurrence
    [InlineData("2026-03-17T23:00:00Z", true)]
    [InlineData("2026-03-19T23:00:00Z", true)] // starts on the end date
    [InlineData("2026-03-21T23:00:00Z", false)] // starts after it
    public void TimeWindow_DailyEndDateRecurrence_MatchesHandComputedOccurrences(string now, bool expected)
    {
        var json = """
            { "FeatureManagement": { "Nightly": { "EnabledFor": [ { "Name": "TimeWindow", "Parameters": {
              "Start": "Sun, 15 Mar 2026 22:00:00 GMT", "End": "Mon, 16 Mar 2026 02:00:00 GMT",
              "Recurrence": { "Pattern": { "Type": "daily", "Interval": 2 }, "Range": { "Type": "EndDate", "EndDate": "2026-03-19T23:59:00Z" } } } } ] } } }
            """;
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, Evaluator(json, clock).IsEnabled("Nightly", EvaluationContext.Empty));
    }

    [Fact]
    public void TimeWindow_WithoutBounds_IsNeverActive()
    {
        Assert.False(IsEnabled("""{ "FeatureManagement": { "Never": { "EnabledFor": [ { "Name": "TimeWindow" } ] } } }""", "Never", "alice"));
    }
}
