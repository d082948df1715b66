using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Tests.Bucketing;

// Differential tests against the real Microsoft.FeatureManagement 4.7.0: every decision must be identical.
public partial class FeatureManagementBucketerTests
{
    private const int Users = 10_000;
    private static readonly double[] RolloutPercentages = [0, 1, 5, 33.3, 50, 99, 100];

    [Fact]
    public async Task IsInPercentage_TargetingFilterDefaultRollout_SameDecisionAsFeatureManagementForEveryUser()
    {
        var settings = new Dictionary<string, string?>();
        for (var f = 0; f < RolloutPercentages.Length; f++)
        {
            var prefix = $"feature_management:feature_flags:{f}:";
            settings[prefix + "id"] = FeatureName(f);
            settings[prefix + "enabled"] = "true";
            settings[prefix + "conditions:client_filters:0:name"] = "Microsoft.Targeting";
            settings[prefix + "conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage"] = Format(RolloutPercentages[f]);
        }

        using var provider = CreateProvider(settings);
        var manager = CreateManager(provider);
        for (var f = 0; f < RolloutPercentages.Length; f++)
        {
            var enabledCount = 0;
            for (var i = 0; i < Users; i++)
            {
                var userId = UserId(i);
                var expected = await manager.IsEnabledAsync(FeatureName(f), new TargetingContext { UserId = userId });
                var actual = FeatureManagementBucketer.IsInPercentage(userId, FeatureName(f), RolloutPercentages[f]);
                Assert.True(expected == actual, $"{FeatureName(f)} at {RolloutPercentages[f]}%: user '{userId}' is {expected} there, {actual} here.");
                enabledCount += actual ? 1 : 0;
            }

            Assert.InRange(enabledCount, (int)(Users * RolloutPercentages[f] / 100 * 0.8), (int)(Users * RolloutPercentages[f] / 100 * 1.2) + 1);
        }

        // A null user id counts as empty.
        Assert.Equal(
            await manager.IsEnabledAsync(FeatureName(3), new TargetingContext { UserId = null }),
            FeatureManagementBucketer.IsInPercentage(default, FeatureName(3), 33.3));
    }

    [Fact]
    public async Task IsInGroupPercentage_TargetingFilterGroupRollout_SameDecisionAsFeatureManagementForEveryUser()
    {
        var settings = new Dictionary<string, string?>
        {
            ["feature_management:feature_flags:0:id"] = "Beta.Search",
            ["feature_management:feature_flags:0:enabled"] = "true",
            ["feature_management:feature_flags:0:conditions:client_filters:0:name"] = "Microsoft.Targeting",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:Groups:0:Name"] = "beta",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:Groups:0:RolloutPercentage"] = "40",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:Groups:1:Name"] = "staff",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:Groups:1:RolloutPercentage"] = "12.5",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage"] = "10",
        };

        using var provider = CreateProvider(settings);
        var manager = CreateManager(provider);
        string[][] groupSets = [["beta"], ["staff"], ["other", "beta"], ["staff", "beta"], []];
        for (var i = 0; i < Users; i++)
        {
            var userId = UserId(i);
            var groups = groupSets[i % groupSets.Length];
            var expected = await manager.IsEnabledAsync("Beta.Search", new TargetingContext { UserId = userId, Groups = groups });

            var actual = false;
            foreach (var group in groups)
            {
                var percentage = group switch { "beta" => 40, "staff" => 12.5, _ => -1 };
                actual |= percentage >= 0 && FeatureManagementBucketer.IsInGroupPercentage(userId, "Beta.Search", group, percentage);
            }

            actual |= FeatureManagementBucketer.IsInPercentage(userId, "Beta.Search", 10);
            Assert.True(expected == actual, $"user '{userId}' in [{string.Join(", ", groups)}] is {expected} there, {actual} here.");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("spring-campaign")]
    public async Task GetAllocationPercentage_PercentileAllocation_SameVariantAsFeatureManagementForEveryUser(string? seed)
    {
        (string Variant, double From, double To)[] ranges = [("red", 0, 10), ("green", 10, 55.5), ("blue", 55.5, 100)];
        var settings = new Dictionary<string, string?>
        {
            ["feature_management:feature_flags:0:id"] = "ButtonColor",
            ["feature_management:feature_flags:0:enabled"] = "true",
            ["feature_management:feature_flags:0:allocation:seed"] = seed,
        };
        for (var r = 0; r < ranges.Length; r++)
        {
            settings[$"feature_management:feature_flags:0:variants:{r}:name"] = ranges[r].Variant;
            settings[$"feature_management:feature_flags:0:allocation:percentile:{r}:variant"] = ranges[r].Variant;
            settings[$"feature_management:feature_flags:0:allocation:percentile:{r}:from"] = Format(ranges[r].From);
            settings[$"feature_management:feature_flags:0:allocation:percentile:{r}:to"] = Format(ranges[r].To);
        }

        using var provider = CreateProvider(settings);
        var manager = CreateManager(provider);
        for (var i = 0; i < Users; i++)
        {
            var userId = UserId(i);
            var expected = await manager.GetVariantAsync("ButtonColor", new TargetingContext { UserId = userId }, default);

            var percentage = seed is null
                ? FeatureManagementBucketer.GetAllocationPercentage(userId, "ButtonColor")
                : FeatureManagementBucketer.GetPercentage(userId, seed);
            string? actual = null;
            foreach (var range in ranges)
            {
                if (FeatureManagementBucketer.IsInRange(percentage, range.From, range.To))
                {
                    actual = range.Variant;
                    break;
                }
            }

            Assert.True(expected?.Name == actual, $"user '{userId}' gets '{expected?.Name}' there, '{actual}' here.");
        }
    }

    // Mostly ASCII ids, with non-ASCII, supplementary and unpaired-surrogate ones mixed in.
    private static string UserId(int i) => (i % 13) switch
    {
        0 => $"us\u00E9r-{i}-\uD83D\uDE00",
        1 => $"\u7528\u6237-{i}",
        2 => $"bad-{i}-\uD800",
        _ => $"user-{i}",
    };

    private static string FeatureName(int index) => "Rollout" + index.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static ConfigurationFeatureDefinitionProvider CreateProvider(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static FeatureManager CreateManager(IFeatureDefinitionProvider provider) =>
        new(provider, new FeatureManagementOptions())
        {
            FeatureFilters = [new ContextualTargetingFilter(Options.Create(new TargetingEvaluationOptions()), NullLoggerFactory.Instance)],
        };
}
