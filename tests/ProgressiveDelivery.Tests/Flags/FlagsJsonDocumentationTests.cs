using System;
using System.IO;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

/// <summary>The complete example of docs/flags-json.md parses, satisfies the schema and equals its builder twin.</summary>
public class FlagsJsonDocumentationTests
{
    [Fact]
    public void CompleteExample_ParsesAndMatchesTheSchema()
    {
        var json = CompleteExample();

        var result = FlagSetJson.Parse(json);

        Assert.Empty(result.Errors);
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.SchemaPath));
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Assert.Empty(new SchemaSubsetValidator(schema.RootElement).Validate(document.RootElement));
    }

    [Fact]
    public void CompleteExample_EqualsTheBuilderExample()
    {
        // The code below is the builder example of the page, verbatim.
        FlagSet definitions = new FlagSetBuilder()
            .Segment("beta", s => s
                .Description("Opted-in beta testers.")
                .Include("user-1", "user-2")
                .Exclude("user-3")
                .Where("betaOptIn", ConditionOperator.Equals, "true"))
            .Flag("new-checkout", f => f
                .Kind(FlagKind.Release).Description("The redesigned checkout flow.").Owner("payments")
                .Created(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero))
                .Expires(new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero))
                .Tags("checkout", "web")
                .BooleanVariants()
                .OffVariant("off")
                .Prerequisite("checkout-api-v2", "on")
                .Rule(r => r.Named("internal staff")
                    .WhereIgnoreCase("email", ConditionOperator.EndsWith, "@contoso.com")
                    .Serve("on"))
                .Rule(r => r.Named("beta testers in the Benelux")
                    .InSegment("beta")
                    .Where("country", ConditionOperator.In, "NL", "BE", "LU")
                    .Split(("on", 50), ("off", 50)))
                .DefaultSplit(("on", 10), ("off", 90)))
            .Flag("checkout-api-v2", f => f.Kind(FlagKind.Ops).DefaultVariant("on"))
            .Flag("search-ranking", f => f
                .Kind(FlagKind.Experiment)
                .Variants(("control", "bm25"), ("treatment", "neural"))
                .BucketBy("tenantId")
                .Rule(r => r.Where("appVersion", ConditionOperator.SemVerGreaterThanOrEqual, "2.4.0")
                    .Split(("control", 50), ("treatment", 50)))
                .DefaultVariant("control"))
            .Flag("max-upload-mb", f => f
                .Kind(FlagKind.Permission)
                .Variants(("small", 10), ("large", 250))
                .Rule(r => r.Where("plan", ConditionOperator.Equals, "pro").Serve("large"))
                .DefaultVariant("small"))
            .Flag("theme", f => f
                .JsonVariant("light", """{ "background": "#ffffff", "accent": "#0b5cff" }""")
                .JsonVariant("dark", """{ "background": "#111111", "accent": "#7aa2ff" }""")
                .DefaultVariant("light"))
            .Build();

        var fromJson = FlagSetJson.Parse(CompleteExample()).EnsureSucceeded();

        // The JSON lists segments after flags and the builder before; the describer prints flags first either way.
        Assert.Equal(FlagSetDescriber.Describe(fromJson), FlagSetDescriber.Describe(definitions));
    }

    private static string CompleteExample()
    {
        var page = RepositoryFiles.ReadAllText("docs", "flags-json.md").ReplaceLineEndings("\n");
        var section = page.IndexOf("## A complete example", StringComparison.Ordinal);
        var start = page.IndexOf("```jsonc\n", section, StringComparison.Ordinal) + "```jsonc\n".Length;
        var end = page.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.True(section >= 0 && start > section && end > start, "The complete example was not found in docs/flags-json.md.");
        return page[start..end];
    }
}
