using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class ProgressiveDeliveryServiceCollectionExtensionsTests
{
    [Fact]
    public void AddProgressiveDelivery_NullArguments_Throw()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddProgressiveDelivery());
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddProgressiveDelivery(_ => { }));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddProgressiveDelivery(new ConfigurationBuilder().Build().GetSection("x")));
        Assert.Throws<ArgumentNullException>(() => services.AddProgressiveDelivery((Action<ProgressiveDeliveryOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddProgressiveDelivery((IConfigurationSection)null!));
    }

    [Fact]
    public void AddProgressiveDelivery_CalledTwice_RegistersNothingMore()
    {
        var services = new ServiceCollection();
        services.AddProgressiveDelivery();
        var count = services.Count;

        services.AddProgressiveDelivery();

        Assert.Equal(count, services.Count);
    }

    [Fact]
    public void AddProgressiveDelivery_FlagEvaluator_IsOneSingleton()
    {
        var services = new ServiceCollection().AddLogging().AddProgressiveDelivery();

        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(FlagEvaluator)).Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(TimeProvider)).Lifetime);
        using var provider = services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<FlagEvaluator>(), provider.GetRequiredService<FlagEvaluator>());
    }

    [Fact]
    public void AddProgressiveDelivery_EvaluatorRegisteredBefore_IsKept()
    {
        var mine = new FlagEvaluator();
        var services = new ServiceCollection().AddLogging().AddSingleton(mine).AddProgressiveDelivery();

        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<FlagEvaluator>());
    }

    [Fact]
    public void AddProgressiveDelivery_Section_BindsOptionsAndFlags()
    {
        var configuration = new ConfigurationBuilder().AddJsonText("""
            { "Custom": { "UnitHeaderName": "X-Device", "ClosedGate": "Forbidden", "MeasuredFlags": [ "a" ],
                          "flags": { "a": { "defaultVariant": "on" } } } }
            """).Build();
        using var provider = new ServiceCollection().AddLogging().AddProgressiveDelivery(configuration.GetSection("Custom")).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ProgressiveDeliveryOptions>>().Value;
        var evaluator = provider.GetRequiredService<FlagEvaluator>();

        Assert.Equal("X-Device", options.UnitHeaderName);
        Assert.Equal(ClosedGateBehavior.Forbidden, options.ClosedGate);
        Assert.Equal(["a"], options.MeasuredFlags);
        Assert.True(evaluator.IsEnabled("a", EvaluationContext.Empty));
    }

    [Fact]
    public void AddProgressiveDelivery_DefaultSection_ComesFromAppConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddJsonText(TestFlags.AppSettings).Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddProgressiveDelivery(o => o.CookieName = "from-code").BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ProgressiveDeliveryOptions>>().Value;

        Assert.Equal("X-Unit", options.UnitHeaderName);
        Assert.Equal("from-code", options.CookieName);
        Assert.Equal(6, provider.GetRequiredService<FlagEvaluator>().Snapshot.Count);
    }

    [Fact]
    public void AddProgressiveDelivery_FlagsInCode_AreUsed()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddProgressiveDelivery(o => o.Flags(f => f.Flag("coded", b => b.BooleanVariants().DefaultVariant("on"))))
            .BuildServiceProvider();

        Assert.True(provider.GetRequiredService<FlagEvaluator>().IsEnabled("coded", EvaluationContext.Empty));
    }

    [Fact]
    public async Task Start_InvalidDefinitions_FailsListingEveryErrorWithItsPath()
    {
        var exception = await Assert.ThrowsAsync<DefinitionException>(() => TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonText("""
                    { "ProgressiveDelivery": { "flags": {
                        "a": { "enabled": "maybe", "defaultVariant": "on" },
                        "b": { "defaultVariant": "nope" },
                        "c": { "rules": [ { "conditions": [ { "attribute": "x", "operator": "starts_with", "value": "y" } ], "variant": "on" } ] } } } }
                    """);
                builder.Services.AddProgressiveDelivery();
            },
            _ => { }));

        Assert.Equal(3, exception.Errors.Count);
        Assert.Contains(exception.Errors, e => e.Path == "$.flags['a'].enabled" && e.Code == DefinitionErrorCodes.WrongType);
        Assert.Contains(exception.Errors, e => e.Path.StartsWith("$.flags['b'].defaultVariant", StringComparison.Ordinal));
        Assert.Contains(exception.Errors, e => e.Path == "$.flags['c'].rules[0].conditions[0].operator");
    }

    [Fact]
    public async Task Start_InvalidOptions_FailsNamingEveryField()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            builder => builder.Services.AddProgressiveDelivery(o =>
            {
                o.ClosedGate = ClosedGateBehavior.Redirect;
                o.CookieName = "bad name";
                o.OverrideHeaderName = null;
                o.OverridePolicy = "testers";
            }),
            _ => { }));

        Assert.Contains(exception.Failures, f => f.Contains("ClosedGateRedirectUrl", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.Contains("CookieName", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.Contains("OverridePolicy", StringComparison.Ordinal));
    }
}
