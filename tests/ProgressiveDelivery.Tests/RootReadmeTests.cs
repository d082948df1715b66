using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Rollouts.Plans;
using ProgressiveDelivery.Tests.Flags;

namespace ProgressiveDelivery.Tests;

/// <summary>The JSON shown in the repository README loads without a single error, so a newcomer can paste it.</summary>
public class RootReadmeTests
{
    [Fact]
    public void Readme_AppSettingsExample_IsValidFlagsAndRollouts()
    {
        using var appSettings = JsonDocument.Parse(JsonBlocks()[0]);
        var section = appSettings.RootElement.GetProperty("ProgressiveDelivery");
        // The section also holds options (AdminPolicy); the definitions are its flags, segments and rollouts.
        var definitions = "{" + string.Join(", ", section.EnumerateObject()
            .Where(p => p.Name is "flags" or "segments" or "rollouts")
            .Select(p => JsonSerializer.Serialize(p.Name) + ": " + p.Value.GetRawText())) + "}";

        Assert.True(FlagSnapshot.TryFromJson(definitions, out var flags, out var errors), string.Join("\n", errors));
        Assert.True(RolloutSetJson.TryLoad(definitions, flags!, out var rollouts, out var rolloutErrors), string.Join("\n", rolloutErrors));
        Assert.Single(rollouts!.Rollouts);
    }

    private static string[] JsonBlocks()
    {
        var readme = RepositoryFiles.ReadAllText("README.md");
        var matches = Regex.Matches(readme, "```json\\n(.*?)```", RegexOptions.Singleline);
        Assert.Single(matches);
        return [matches[0].Groups[1].Value];
    }
}
