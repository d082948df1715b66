using System.IO;
using System.Text.Json;
using ProgressiveDelivery.Tests.Flags;

namespace ProgressiveDelivery.Tests.Rollouts.Plans;

public class RolloutSchemaTests
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public void Schema_ValidRolloutsDocument_IsAccepted()
    {
        Assert.Empty(Validate(RolloutSetJsonTests.Valid));
    }

    [Theory]
    [InlineData("""{ "flag": "f", "stableVariant": "a", "canaryVariant": "b", "plan": { "steps": [ { "wait": 3 } ] } }""")]
    [InlineData("""{ "flag": "f", "stableVariant": "a", "canaryVariant": "b", "plan": { "steps": [ { "setWeight": 101 } ] } }""")]
    [InlineData("""{ "flag": "f", "stableVariant": "a", "canaryVariant": "b", "plan": { "onNoData": "shrug" } }""")]
    [InlineData("""{ "flag": "f", "stableVariant": "a", "canaryVariant": "b", "plan": { "preset": { "kind": "zigzag" } } }""")]
    [InlineData("""{ "flag": "f", "stableVariant": "a", "canaryVariant": "b", "plan": {}, "analysis": { "metrics": [ { "name": "cpu" } ] } }""")]
    [InlineData("""{ "stableVariant": "a", "canaryVariant": "b", "plan": {} }""")]
    public void Schema_InvalidRollout_IsRejected(string rollout)
    {
        Assert.NotEmpty(Validate("{ \"rollouts\": { \"r\": " + rollout + " } }"));
    }

    private static System.Collections.Generic.List<string> Validate(string json)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.SchemaPath));
        using var document = JsonDocument.Parse(json, Options);
        return new SchemaSubsetValidator(schema.RootElement).Validate(document.RootElement);
    }
}
