using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class DefinitionsReloadTests
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    private const string FlagOn = """{ "ProgressiveDelivery": { "flags": { "live": { "defaultVariant": "on" } } } }""";
    private const string FlagOff = """{ "ProgressiveDelivery": { "flags": { "live": { "defaultVariant": "off" } } } }""";
    private const string Broken = """{ "ProgressiveDelivery": { "flags": { "live": { "defaultVariant": "gone", "enabled": "sometimes" } } } }""";

    [Fact]
    public async Task ConfigurationReload_ValidChange_ChangesTheFlagLive()
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(FlagOn));
        await using var app = await StartAsync(source);
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
        Assert.True(evaluator.IsEnabled("live", EvaluationContext.Empty));

        source.Instance.Replace(TestFlags.Flatten(FlagOff));

        Assert.False(evaluator.IsEnabled("live", EvaluationContext.Empty));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Client.GetAsync("/live")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // FM configuration watched too: the same edit is still read, and rejected, once
    public async Task ConfigurationReload_BrokenChange_KeepsTheLastGoodDefinitionsAndLogsEveryError(bool readFeatureManagement)
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(FlagOn));
        await using var app = await StartAsync(source, readFeatureManagement);
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
        var before = evaluator.Snapshot;

        source.Instance.Replace(TestFlags.Flatten(Broken));

        Assert.Same(before, evaluator.Snapshot);
        Assert.True(evaluator.IsEnabled("live", EvaluationContext.Empty));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Client.GetAsync("/live")).StatusCode);
        var error = Assert.Single(app.Logs.Errors);
        Assert.Contains("$.flags['live'].enabled", error, StringComparison.Ordinal);
        Assert.Contains("$.flags['live'].defaultVariant", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationReload_UnrelatedChange_KeepsTheSnapshot()
    {
        var source = new ReloadableConfigurationSource(TestFlags.Flatten(FlagOn));
        await using var app = await StartAsync(source);
        var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
        var before = evaluator.Snapshot;
        var data = TestFlags.Flatten(FlagOn);
        data["Other:Setting"] = "1";

        source.Instance.Replace(data);

        Assert.Same(before, evaluator.Snapshot);
    }

    [Fact]
    public async Task FileReload_ValidThenBrokenChange_AppliesOnlyTheValidOne()
    {
        var directory = Directory.CreateTempSubdirectory("pd-reload-");
        try
        {
            var path = Path.Combine(directory.FullName, "flags.json");
            await File.WriteAllTextAsync(path, """{ "flags": { "live": { "defaultVariant": "on" } } }""");
            await using var app = await TestApp.StartAsync(
                builder => builder.Services.AddProgressiveDelivery(o => o.FilePath = path),
                _ => { });
            var evaluator = app.Services.GetRequiredService<FlagEvaluator>();
            Assert.True(evaluator.IsEnabled("live", EvaluationContext.Empty));

            var changed = new TaskCompletionSource<FlagSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            evaluator.SnapshotChanged += (_, snapshot) => changed.TrySetResult(snapshot);
            await File.WriteAllTextAsync(path, """{ "flags": { "live": { "defaultVariant": "off" } } }""");
            await changed.Task.WaitAsync(SignalTimeout);
            Assert.False(evaluator.IsEnabled("live", EvaluationContext.Empty));

            var before = evaluator.Snapshot;
            await File.WriteAllTextAsync(path, """{ "flags": { "live": { "defaultVariant": 12 } } }""");
            await WaitUntilAsync(() => app.Logs.Errors.Any(e => e.Contains("$.flags['live'].defaultVariant", StringComparison.Ordinal)));
            Assert.Same(before, evaluator.Snapshot);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_MissingFile_Fails()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => TestApp.StartAsync(
            builder => builder.Services.AddProgressiveDelivery(o => o.FilePath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json")),
            _ => { }));
    }

    private static Task<TestApp> StartAsync(ReloadableConfigurationSource source, bool readFeatureManagement = false) =>
        TestApp.StartAsync(
            builder =>
            {
                ((IConfigurationBuilder)builder.Configuration).Add(source);
                builder.Services.AddProgressiveDelivery();
                if (readFeatureManagement)
                {
                    builder.Services.Configure<ProgressiveDeliveryOptions>(o => o.ReadFeatureManagementConfiguration());
                }
            },
            app =>
            {
                app.UseProgressiveDelivery();
                app.MapGet("/live", () => "live").RequireFeature("live");
            });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + SignalTimeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(20);
        }
    }
}
