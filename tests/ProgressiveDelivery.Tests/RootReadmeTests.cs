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
    public void Readme_AppSettingsExample_IsValidDefinitions()
    {
        var blocks = JsonBlocks();
        using var appSettings = JsonDocument.Parse(blocks[0]);

        var section = appSettings.RootElement.GetProperty("ProgressiveDelivery").GetRawText();

        Assert.True(FlagSnapshot.TryFromJson(section, out _, out var errors), string.Join("\n", errors));
    }

    [Fact]
    public void Readme_RolloutExample_IsValidFlagsAndRollouts()
    {
        var json = JsonBlocks()[1];

        var flags = FlagSnapshot.FromJson(json);

        Assert.True(RolloutSetJson.TryLoad(json, flags, out var rollouts, out var errors), string.Join("\n", errors));
        Assert.NotNull(rollouts);
    }

    private static string[] JsonBlocks()
    {
        var readme = RepositoryFiles.ReadAllText("README.md");
        var matches = Regex.Matches(readme, "```json\\n(.*?)```", RegexOptions.Singleline);
        Assert.Equal(2, matches.Count);
        return [matches[0].Groups[1].Value, matches[1].Groups[1].Value];
    }
}
