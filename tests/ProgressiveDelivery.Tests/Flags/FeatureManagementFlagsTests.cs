using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

// Expected percentages are computed here from their definition (SHA-256 of the UTF-8 context id, first 4 bytes little-endian
// over 2^32 - 1, times 100), independently of FeatureManagementBucketer.
public partial class FeatureManagementFlagsTests
{
    [Theory]
    [InlineData("alice", "alice\nBeta")]
    [InlineData(null, "\nBeta")] // no user id: an empty one is hashed
    public void Targeting_DefaultRollout_IsTheSha256PercentageOfUserAndFeature(string? userId, string hashed)
    {
        var percentage = Percentage(hashed);

        Assert.False(IsEnabled(Targeting("Beta", $"\"DefaultRolloutPercentage\": {Text(percentage)}"), "Beta", userId));
        Assert.True(IsEnabled(Targeting("Beta", $"\"DefaultRolloutPercentage\": {Text(Math.BitIncrement(percentage))}"), "Beta", userId));
    }

    [Fact]
    public void Targeting_GroupRollout_HashesUserFeatureAndTheGroup()
    {
        var percentage = Percentage("alice\nBeta\nbeta");
        string Config(double rollout) => Targeting("Beta", $"\"Groups\": [ {{ \"Name\": \"beta\", \"RolloutPercentage\": {Text(rollout)} }}, {{ \"Name\": \"beta\", \"RolloutPercentage\": 100 }} ]");

        Assert.False(IsEnabled(Config(percentage), "Beta", "alice", "other", "beta"));
        Assert.True(IsEnabled(Config(Math.BitIncrement(percentage)), "Beta", "alice", "other", "beta"));
        Assert.False(IsEnabled(Config(100), "Beta", "alice", "Beta")); // group names compare ordinally
    }

    [Fact]
    public void Targeting_Exclusion_WinsOverListedUsersGroupsAndTheDefault()
    {
        var json = Targeting("Beta", """
            "Users": [ "alice", "Bob" ], "Groups": [ { "Name": "staff", "RolloutPercentage": 100 } ], "DefaultRolloutPercentage": 100,
            "Exclusion": { "Users": [ "alice" ], "Groups": [ "blocked" ] }
            """);

        Assert.False(IsEnabled(json, "Beta", "alice"));
        Assert.False(IsEnabled(json, "Beta", "Bob", "staff", "blocked"));
        Assert.True(IsEnabled(json, "Beta", "Bob", "Blocked")); // case-sensitive, as FM by default
        Assert.True(IsEnabled(json, "Beta", "carol"));
    }

    [Fact]
    public void Targeting_ListedUsers_CompareCaseSensitively()
    {
        var json = Targeting("Beta", """ "Users": [ "Alice" ], "DefaultRolloutPercentage": 0 """);

        Assert.True(IsEnabled(json, "Beta", "Alice"));
        Assert.False(IsEnabled(json, "Beta", "alice"));
    }

    [Theory]
    [InlineData("\"seed\": \"spring\",", "alice\nspring")]
    [InlineData("", "alice\nallocation\nColor")]
    public void Allocation_Percentile_HashesTheUserWithTheSeedOrTheFeatureName(string seed, string contextId)
    {
        var percentage = Percentage(contextId);
        string Config(double boundary) => $$"""
            { "feature_management": { "feature_flags": [ { "id": "Color", "enabled": true,
              "variants": [ { "name": "Red" }, { "name": "Blue" } ],
              "allocation": { {{seed}} "percentile": [ { "variant": "Red", "from": 0, "to": {{Text(boundary)}} }, { "variant": "Blue", "from": {{Text(boundary)}}, "to": 100 } ] } } ] } }
            """;

        Assert.Equal("Blue", Variant(Config(percentage), "Color", "alice"));
        Assert.Equal("Red", Variant(Config(Math.BitIncrement(percentage)), "Color", "alice"));
    }

    [Fact]
    public void Allocation_UsersThenGroupsThenPercentileThenDefault_FirstMatchWins()
    {
        var json = """
            { "feature_management": { "feature_flags": [ { "id": "Color", "enabled": true,
              "variants": [ { "name": "Red", "configuration_value": "#f00" }, { "name": "Blue", "configuration_value": { "hex": "#00f" } }, { "name": "Green" } ],
              "allocation": {
                "user": [ { "variant": "Blue", "users": [ "alice" ] }, { "variant": "Nope", "users": [ "erin" ] }, { "users": [ "frank" ] } ],
                "group": [ { "variant": "Green", "groups": [ "staff" ] } ],
                "percentile": [ { "variant": "Red", "from": 0, "to": 0 } ],
                "default_when_enabled": "Red" } } ] } }
            """;
        var evaluator = Evaluator(json);

        Assert.Equal("Blue", Variant(json, "Color", "alice", "staff"));
        Assert.Equal("{\"hex\":\"#00f\"}", evaluator.Evaluate("Color.variant", Context("alice")).Value.AsString().Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal("Green", Variant(json, "Color", "bob", "staff"));
        Assert.Equal("Red", Variant(json, "Color", "carol"));
        Assert.Equal("#f00", evaluator.Evaluate("Color.variant", Context("carol")).Value.AsString());
        Assert.Null(Variant(json, "Color", "erin")); // a variant that does not exist: none, and no default
        Assert.Equal("Red", Variant(json, "Color", "frank")); // no variant named: the default applies
    }

    [Fact]
    public void StatusOverride_OfTheAssignedVariant_DecidesIsEnabledUnlessTheFeatureIsDisabled()
    {
        string Config(string enabled, string filters) => $$"""
            { "feature_management": { "feature_flags": [ { "id": "Checkout", "enabled": {{enabled}}, "conditions": { "client_filters": [ {{filters}} ] },
              "variants": [ { "name": "New", "status_override": "Enabled" }, { "name": "Old", "status_override": "disabled" } ],
              "allocation": { "user": [ { "variant": "Old", "users": [ "alice" ] } ], "default_when_enabled": "New", "default_when_disabled": "New" } } ] } }
            """;
        var enabled = Config("true", string.Empty);
        var failing = Config("true", """{ "name": "Microsoft.Targeting", "parameters": { "Audience": { "DefaultRolloutPercentage": 0 } } }""");
        var disabled = Config("false", string.Empty);

        Assert.False(IsEnabled(enabled, "Checkout", "alice"));
        Assert.Equal("Old", Variant(enabled, "Checkout", "alice"));
        Assert.True(IsEnabled(enabled, "Checkout", "bob"));
        Assert.True(IsEnabled(failing, "Checkout", "bob")); // filters fail, default_when_disabled's override enables it, as in FM
        Assert.Equal("New", Variant(failing, "Checkout", "bob"));
        Assert.False(IsEnabled(disabled, "Checkout", "bob")); // a disabled feature ignores overrides
        Assert.Equal("New", Variant(disabled, "Checkout", "bob"));
    }

    [Theory]
    [InlineData("Any", true)]
    [InlineData("all", false)]
    public void RequirementType_AnyOrAll_CombinesTheFilters(string requirement, bool expected)
    {
        var json = $$"""
            { "feature_management": { "feature_flags": [ { "id": "F", "enabled": true, "conditions": { "requirement_type": "{{requirement}}", "client_filters": [
              { "name": "AlwaysOn" }, { "name": "Percentage", "parameters": { "Value": 100 } }, { "name": "Targeting", "parameters": { "Audience": { "DefaultRolloutPercentage": 0 } } } ] } } ] } }
            """;

        Assert.Equal(expected, IsEnabled(json, "F", "alice"));
    }

    [Fact]
    public void Percentage_IsRandomPerEvaluationAsInFeatureManagement()
    {
        var evaluator = Evaluator("""{ "FeatureManagement": { "Coin": { "EnabledFor": [ { "Name": "Microsoft.Percentage", "Parameters": { "Value": 30 } } ] } } }""");
        var alice = Context("alice");
        var on = 0;
        for (var i = 0; i < 20_000; i++)
        {
            on += evaluator.IsEnabled("Coin", alice) ? 1 : 0;
        }

        Assert.InRange(on, 6_000 - 324, 6_000 + 324); // 5 standard deviations of Binomial(20,000, 0.3)
        Assert.True(IsEnabled("""{ "FeatureManagement": { "C": { "EnabledFor": [ { "Name": "Percentage", "Parameters": { "Value": 100 } } ] } } }""", "C", "a"));
        Assert.False(IsEnabled("""{ "FeatureManagement": { "C": { "EnabledFor": [ { "Name": "Percentage", "Parameters": { "Value": 0 } } ] } } }""", "C", "a"));
    }

    [Fact]
    public void Evaluate_MigratedFeatureWithEveryFilterAndAllocation_DoesNotAllocate()
    {
        var evaluator = Evaluator("""
            { "feature_management": { "feature_flags": [ { "id": "Checkout", "enabled": true, "conditions": { "requirement_type": "All", "client_filters": [
                { "name": "Microsoft.Targeting", "parameters": { "Audience": { "Users": [ "x" ], "Groups": [ { "Name": "beta", "RolloutPercentage": 50 } ], "DefaultRolloutPercentage": 60,
                  "Exclusion": { "Users": [ "y" ], "Groups": [ "z" ] } } } },
                { "name": "Microsoft.TimeWindow", "parameters": { "Start": "2020-01-06T09:00:00+01:00", "End": "2020-01-06T18:00:00+01:00",
                  "Recurrence": { "Pattern": { "Type": "Weekly", "DaysOfWeek": [ "Monday", "Tuesday" ] }, "Range": { "Type": "NoEnd" } } } },
                { "name": "Microsoft.Percentage", "parameters": { "Value": 100 } } ] },
              "variants": [ { "name": "A", "status_override": "Disabled" }, { "name": "B" } ],
              "allocation": { "user": [ { "variant": "A", "users": [ "x" ] } ], "group": [ { "variant": "B", "groups": [ "staff" ] } ],
                "percentile": [ { "variant": "A", "from": 0, "to": 50 }, { "variant": "B", "from": 50, "to": 100 } ], "default_when_disabled": "B" } } ] } }
            """);
        EvaluationContext[] contexts = [Context("alice", "beta", "staff"), Context("bob", "beta"), Context("carol"), Context(null, "z")];
        var on = 0;
        for (var i = 0; i < 200; i++)
        {
            on += Evaluate();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2_000; i++)
        {
            on += Evaluate();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(on > 0);

        int Evaluate()
        {
            var count = 0;
            foreach (var context in contexts)
            {
                count += evaluator.IsEnabled("Checkout", context) ? 1 : 0;
                count += evaluator.Evaluate("Checkout.variant", context).Variant is null ? 0 : 1;
            }

            return count;
        }
    }

    private static string Targeting(string feature, string audience) => $$"""
        { "feature_management": { "feature_flags": [ { "id": "{{feature}}", "enabled": true,
          "conditions": { "client_filters": [ { "name": "Microsoft.Targeting", "parameters": { "Audience": { {{audience}} } } } ] } } ] } }
        """;

    private static double Percentage(string contextId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(contextId));
        var marker = digest[0] | ((uint)digest[1] << 8) | ((uint)digest[2] << 16) | ((uint)digest[3] << 24);
        return marker / 4294967295.0 * 100;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static EvaluationContext Context(string? userId, params string[] groups) =>
        new EvaluationContextBuilder(userId).Set(FeatureManagementFlags.GroupsAttribute, groups).Build();

    private static FlagEvaluator Evaluator(string json, TimeProvider? clock = null)
    {
        var flags = FeatureManagementFlags.Parse(json, clock);
        Assert.Empty(flags.Errors);
        Assert.True(FlagSnapshot.Empty.TryAdd(flags, out var snapshot, out var errors), string.Join("\n", errors));
        return new FlagEvaluator(snapshot);
    }

    private static bool IsEnabled(string json, string feature, string? userId, params string[] groups) =>
        Evaluator(json).IsEnabled(feature, Context(userId, groups));

    private static string? Variant(string json, string feature, string? userId, params string[] groups) =>
        Evaluator(json).Evaluate(feature + FeatureManagementFlags.VariantFlagSuffix, Context(userId, groups)).Variant;
}
