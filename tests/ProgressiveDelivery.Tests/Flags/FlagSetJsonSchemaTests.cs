using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

public class FlagSetJsonSchemaTests
{
    private static readonly JsonDocumentOptions SampleOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<JsonDocument> Schema = new(() => JsonDocument.Parse(File.ReadAllText(RepositoryFiles.SchemaPath)));

    public static TheoryData<string> FocusedSampleNames => new(FlagSetJsonSamples.Focused.Keys);

    [Fact]
    public void Schema_IsDraft202012Object()
    {
        var root = Schema.Value.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal("object", root.GetProperty("type").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Schema_NamesEveryOperatorOfTheEnum()
    {
        var names = Enum.GetValues<ConditionOperator>().Select(CamelCase);
        var schemaNames = Schema.Value.RootElement.GetProperty("$defs").GetProperty("condition").GetProperty("properties")
            .GetProperty("operator").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        Assert.Equal(names, schemaNames);
    }

    [Fact]
    public void Schema_NamesEveryKindOfTheEnum()
    {
        var names = Enum.GetValues<FlagKind>().Select(CamelCase);
        var schemaNames = Schema.Value.RootElement.GetProperty("$defs").GetProperty("flag").GetProperty("properties")
            .GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        Assert.Equal(names, schemaNames);
    }

    [Fact]
    public void Schema_DescribesEveryField()
    {
        var definitions = Schema.Value.RootElement.GetProperty("$defs");
        foreach (var name in new[] { "flag", "prerequisite", "rule", "segment", "condition" })
        {
            foreach (var property in definitions.GetProperty(name).GetProperty("properties").EnumerateObject())
            {
                var described = property.Value.TryGetProperty("description", out _)
                    || (property.Value.TryGetProperty("$ref", out var reference) && definitions.GetProperty(reference.GetString()!["#/$defs/".Length..]).TryGetProperty("description", out _));
                Assert.True(described, $"{name}.{property.Name} has no description");
            }
        }
    }

    [Fact]
    public void Schema_AcceptsFullSample()
    {
        Assert.Empty(Validate(FlagSetJsonSamples.Full));
        Assert.True(FlagSetJson.Parse(FlagSetJsonSamples.Full).Succeeded);
    }

    [Fact]
    public void Schema_RejectsManyErrorsSample()
    {
        Assert.NotEmpty(Validate(FlagSetJsonSamples.ManyErrors));
        Assert.False(FlagSetJson.Parse(FlagSetJsonSamples.ManyErrors).Succeeded);
    }

    [Theory]
    [MemberData(nameof(FocusedSampleNames))]
    public void Schema_AgreesWithLoader(string sample)
    {
        var (json, valid) = FlagSetJsonSamples.Focused[sample];

        var schemaErrors = Validate(json);
        var parsed = FlagSetJson.Parse(json);

        Assert.Equal(valid, parsed.Succeeded);
        Assert.True(valid == (schemaErrors.Count == 0), $"schema: {string.Join("; ", schemaErrors)}");
    }

    private static List<string> Validate(string json)
    {
        using var document = JsonDocument.Parse(json, SampleOptions);
        return new SchemaSubsetValidator(Schema.Value.RootElement).Validate(document.RootElement);
    }

    private static string CamelCase<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
