using System;
using Microsoft.Extensions.Time.Testing;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProgressiveDelivery.AspNetCore.Internal;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using Xunit.Abstractions;

namespace ProgressiveDelivery.AspNetCore.Tests.FeatureManagement;

/// <summary>
/// Differential test against the real Microsoft.FeatureManagement 4.7.0: seeded random configurations, read by FM and
/// by <c>AddProgressiveDelivery(o => o.ReadFeatureManagementConfiguration(...))</c>; every IsEnabled and every variant
/// name must be equal for every user, at several instants around the time windows.
/// </summary>
public sealed class FeatureManagementDifferentialTests(ITestOutputHelper output)
{
    private const int Features = 240;
    private const int Users = 1_000;
    private const int UsersAtOtherInstants = 150;

    // Every user at the generator's Now; a subset of them at instants before and after it, where the time windows differ.
    private static readonly TimeSpan[] Instants = [TimeSpan.FromHours(-30), TimeSpan.Zero, TimeSpan.FromDays(2.3)];

    [Theory]
    [InlineData(1)]
    public async Task ReadFeatureManagementConfiguration_RandomConfigurations_SameDecisionAndVariantAsFeatureManagement(int seed)
    {
        var generator = new FeatureManagementConfigurationGenerator(seed);
        var (settings, names) = generator.Features(Features, Users);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = new FakeTimeProvider(FeatureManagementConfigurationGenerator.Now + Instants[0]);

        // Everything generated is supported: no feature may be left out.
        var parsed = FeatureManagementFlags.Parse(new FeatureManagementSource(configuration, clock, NullLogger.Instance).ReadJson(), clock);
        Assert.Empty(parsed.Errors);

        using var definitions = new ConfigurationFeatureDefinitionProvider(configuration);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var manager = new FeatureManager(definitions, new FeatureManagementOptions())
        {
            Cache = cache, // caches bound filter parameters only, as FM's DI registration does

            FeatureFilters = [new ContextualTargetingFilter(), new PercentageFilter(), new TimeWindowFilter { SystemClock = clock }],
        };
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddProgressiveDelivery(o => o.ReadFeatureManagementConfiguration(configuration))
            .BuildServiceProvider();
        var evaluator = services.GetRequiredService<FlagEvaluator>();

        var users = new (string Id, string[] Groups, EvaluationContext Context)[Users];
        for (var i = 0; i < Users; i++)
        {
            var groups = generator.Groups();
            var id = FeatureManagementConfigurationGenerator.UserId(i);
            users[i] = (id, groups, new EvaluationContextBuilder(id).Set(FeatureManagementFlags.GroupsAttribute, groups).Build());
        }

        var decisions = 0;
        var enabled = 0;
        var variants = 0;
        var mismatches = new List<string>();
        foreach (var instant in Instants)
        {
            clock.SetUtcNow(FeatureManagementConfigurationGenerator.Now + instant);
            var userCount = instant == TimeSpan.Zero ? Users : UsersAtOtherInstants;
            foreach (var name in names)
            {
                foreach (var (id, groups, context) in users.Take(userCount))
                {
                    var targeting = new TargetingContext { UserId = id, Groups = groups };
                    var expectedEnabled = await manager.IsEnabledAsync(name, targeting);
                    var expectedVariant = (await manager.GetVariantAsync(name, targeting, default))?.Name;
                    var actualEnabled = evaluator.IsEnabled(name, context);
                    var actualVariant = evaluator.Evaluate(name + FeatureManagementFlags.VariantFlagSuffix, context).Variant;
                    decisions++;
                    enabled += actualEnabled ? 1 : 0;
                    variants += actualVariant is null ? 0 : 1;
                    if (expectedEnabled != actualEnabled || expectedVariant != actualVariant)
                    {
                        mismatches.Add($"{name} at {instant} for '{id}' [{string.Join(", ", groups)}]: FM {expectedEnabled}/{expectedVariant ?? "null"}, ours {actualEnabled}/{actualVariant ?? "null"}");
                    }
                }
            }
        }

        output.WriteLine($"seed {seed}: {names.Count} features ({settings.Count} configuration keys) x {Users} users at {FeatureManagementConfigurationGenerator.Now:O} and {UsersAtOtherInstants} of them at {Instants.Length - 1} other instants = {decisions} evaluations of IsEnabled and of the variant; "
            + $"{enabled} enabled, {variants} with a variant; {mismatches.Count} differ.");
        foreach (var mismatch in mismatches.Take(20))
        {
            output.WriteLine(mismatch);
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {decisions} evaluations differ from Microsoft.FeatureManagement, e.g. {mismatches.FirstOrDefault()}");
        Assert.InRange(enabled, decisions / 10, decisions - decisions / 10); // both outcomes are common
        Assert.InRange(variants, decisions / 10, decisions - decisions / 10);
    }

    [Fact]
    public async Task ReadFeatureManagementConfiguration_RandomTimeWindows_SameDecisionAsFeatureManagementAtEveryInstant()
    {
        const int Windows = 300;
        const int InstantCount = 2_000;
        var generator = new FeatureManagementConfigurationGenerator(3);
        var (settings, names) = generator.TimeWindowFeatures(Windows);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var instants = new DateTimeOffset[InstantCount];
        for (var i = 0; i < instants.Length; i++)
        {
            instants[i] = generator.Instant();
        }

        Array.Sort(instants); // the manual clock only moves forward
        var clock = new FakeTimeProvider(instants[0]);
        using var definitions = new ConfigurationFeatureDefinitionProvider(configuration);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var manager = new FeatureManager(definitions, new FeatureManagementOptions())
        {
            Cache = cache,
            FeatureFilters = [new TimeWindowFilter { SystemClock = clock }],
        };
        var flags = FeatureManagementFlags.Parse(new FeatureManagementSource(configuration, clock, NullLogger.Instance).ReadJson(), clock);
        Assert.Empty(flags.Errors);
        Assert.True(FlagSnapshot.Empty.TryAdd(flags, out var snapshot, out _));
        var evaluator = new FlagEvaluator(snapshot);
        var context = EvaluationContext.ForUnit("anyone");

        var decisions = 0;
        var active = 0;
        var mismatches = new List<string>();
        foreach (var instant in instants)
        {
            clock.SetUtcNow(instant);
            foreach (var name in names)
            {
                var expected = await manager.IsEnabledAsync(name);
                var actual = evaluator.IsEnabled(name, context);
                decisions++;
                active += actual ? 1 : 0;
                if (expected != actual)
                {
                    mismatches.Add($"{name} at {instant:O}: FM {expected}, ours {actual}");
                }
            }
        }

        output.WriteLine($"{Windows} time windows ({settings.Count} configuration keys) x {InstantCount} instants = {decisions} decisions; {active} active; {mismatches.Count} differ.");
        foreach (var mismatch in mismatches.Take(20))
        {
            output.WriteLine(mismatch);
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {decisions} decisions differ from Microsoft.FeatureManagement, e.g. {mismatches.FirstOrDefault()}");
        Assert.InRange(active, decisions / 20, decisions - decisions / 20);
    }
}
