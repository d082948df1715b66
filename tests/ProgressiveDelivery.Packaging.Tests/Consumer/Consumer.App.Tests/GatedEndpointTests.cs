using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Testing;

namespace Consumer.App.Tests;

// Four tests: PackagedConsumerTests expects exactly this many to pass.
public sealed class GatedEndpointTests
{
    [Fact]
    public async Task BetaSearch_ForcedOn_IsServed()
    {
        // appsettings.json serves "off"; the fake replaces the definitions.
        await using var factory = WithFlags(f => f.Set("beta-search", "on"));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/search/beta");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("the beta search", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NewCheckout_ForcedOff_IsNotFound()
    {
        // appsettings.json serves "on".
        await using var factory = WithFlags(f => f.Set("new-checkout", "off"));
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/checkout/v2")).StatusCode);
    }

    [Fact]
    public async Task NewCheckout_FlippedLive_FollowsTheFake()
    {
        var recorder = new EvaluationRecorder();
        await using var factory = WithFlags(f => f.Set("new-checkout", "on"), recorder);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/checkout/v2")).StatusCode);
        factory.Services.GetRequiredService<FakeFlags>().Set("new-checkout", "off");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/checkout/v2")).StatusCode);

        Assert.True(recorder.WasServed("new-checkout", "on"));
        Assert.Equal("off", recorder.LastVariant("new-checkout"));
    }

    [Fact]
    public void Evaluator_WithoutDependencyInjection_ServesTheForcedVariant()
    {
        var evaluator = new FakeFlags().Set("discount", "large", FlagValue.FromNumber(20)).CreateEvaluator();

        Assert.Equal(20, evaluator.GetNumber("discount", EvaluationContext.ForUnit("user-1"), defaultValue: 0));
    }

    private static WebApplicationFactory<Program> WithFlags(Action<FakeFlags> configure, EvaluationRecorder? recorder = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host => host.ConfigureTestServices(services =>
        {
            if (recorder is not null)
            {
                services.AddSingleton<EvaluationHook>(recorder);
            }

            services.AddFakeProgressiveDelivery(configure);
        }));
}
