using System.Linq;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>
/// A <c>matches</c> regex with a POSIX bracket expression is rejected at load with its path: .NET would read the
/// expression as a set of characters and the condition would silently never match as meant.
/// </summary>
public class PosixBracketExpressionTests
{
    private static FlagSetParseResult Parse(string condition) => FlagSetJson.Parse(
        """{ "flags": { "x": { "variants": { "on": true, "off": false }, "defaultVariant": "off", "rules": [ { "conditions": [ { "attribute": "a", "operator": "exists" }, CONDITION ], "variant": "on" } ] } } }"""
            .Replace("CONDITION", condition, System.StringComparison.Ordinal));

    [Theory]
    [InlineData("^[[:alpha:]]+$", "[:alpha:]")]
    [InlineData("[[:digit:]]{3}", "[:digit:]")]
    [InlineData("[^[:space:]]", "[:space:]")]
    [InlineData("[a-z[:upper:]]", "[:upper:]")]
    [InlineData("[[=a=]]", "[=a=]")]
    [InlineData("[[.x.]]", "[.x.]")]
    [InlineData("^[:digit:]+$", "[:digit:]")]
    public void Load_PosixBracketExpression_IsRejectedNamingThePathAndTheExpression(string regex, string expression)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(regex);
        var parsed = Parse($$"""{ "attribute": "name", "operator": "matches", "value": {{json}} }""");

        Assert.False(FlagSnapshot.TryCompile(parsed.Definitions, out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(DefinitionErrorCodes.InvalidRegex, error.Code);
        Assert.StartsWith("$.flags['x'].rules[0].conditions[1].value", error.Path, System.StringComparison.Ordinal);
        Assert.Contains("'" + expression + "'", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("POSIX", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[.]")]                // a literal dot
    [InlineData("[:]x")]
    [InlineData("^[a-z]+:[0-9]+$")]
    [InlineData("[\\[:a:]")]           // the '[' inside the set is escaped
    [InlineData("\\p{L}+")]
    public void Load_OrdinaryRegex_IsAccepted(string regex)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(regex);
        var parsed = Parse($$"""{ "attribute": "name", "operator": "matches", "value": {{json}} }""");

        Assert.True(FlagSnapshot.TryCompile(parsed.Definitions, out _, out var errors), string.Join("; ", errors.Select(e => e.Message)));
    }
}
