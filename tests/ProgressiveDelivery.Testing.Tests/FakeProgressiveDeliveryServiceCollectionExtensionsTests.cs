using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.Testing.Tests;

/// <summary>An application's own end-to-end tests, forcing its flags as the package README shows.</summary>
public sealed class FakeProgressiveDeliveryServiceCollectionExtensionsTests
{
    // The application's real settings: invalid on purpose, to show the fakes replace them and they are never read.
    private const string AppSettings = """{ "ProgressiveDelivery": { "flags": { "new-checkout": { "defaultVariant": "missing" } } } }""";

    private static async Task<WebApplication> StartAsync(bool fakesFirst, EvaluationRecorder recorder, Action<FakeFlags> force)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings)));
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<EvaluationHook>(recorder);
        if (fakesFirst)
        {
            builder.Services.AddFakeProgressiveDelivery(force);
            builder.Services.AddProgressiveDelivery(); // what the application's Program does
        }
        else
        {
            builder.Services.AddProgressiveDelivery();
            builder.Services.AddFakeProgressiveDelivery(force);
        }

        var app = builder.Build();
        app.UseProgressiveDelivery();
        app.MapGet("/checkout", () => "new checkout").RequireFeature("new-checkout");
        await app.StartAsync();
        return app;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddFakeProgressiveDelivery_BeforeOrAfterAddProgressiveDelivery_ReplacesTheFlags(bool fakesFirst)
    {
        var recorder = new EvaluationRecorder();
        await using var app = await StartAsync(fakesFirst, recorder, f => f.Set("new-checkout", "on"));
        var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/checkout")).StatusCode);
        Assert.True(recorder.WasServed("new-checkout", "on"));

        app.Services.GetRequiredService<FakeFlags>().Set("new-checkout", "off");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/checkout")).StatusCode);
        Assert.Equal("off", recorder.LastVariant("new-checkout"));
    }

    [Fact]
    public void AddFakeProgressiveDelivery_CalledTwice_AddsToTheSameFakes()
    {
        var services = new ServiceCollection()
            .AddFakeProgressiveDelivery(f => f.Set("a", true))
            .AddFakeProgressiveDelivery(f => f.Set("b", "treatment"));
        using var provider = services.BuildServiceProvider();

        var evaluator = provider.GetRequiredService<FlagEvaluator>();

        Assert.True(evaluator.IsEnabled("a", EvaluationContext.Empty));
        Assert.Equal("treatment", evaluator.GetVariant("b", EvaluationContext.Empty));
        Assert.Throws<ArgumentNullException>(() => services.AddFakeProgressiveDelivery(null!));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddFakeProgressiveDelivery(_ => { }));
    }
}
