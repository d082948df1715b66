using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Internal;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.Rollouts;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class RolloutDriverTests
{
    [Fact]
    public async Task AddProgressiveDelivery_RolloutsInConfiguration_RegistersTheManagerAsOutcomeRecorderAndLoadsThem()
    {
        var clock = new FakeTimeProvider();
        await using var app = await RolloutTestApp.StartAsync(clock);

        var manager = app.Services.GetRequiredService<RolloutManager>();
        Assert.Same(manager, app.Services.GetRequiredService<RolloutManager>());
        Assert.Contains(app.Services.GetServices<IOutcomeRecorder>(), recorder => ReferenceEquals(recorder, manager));
        Assert.Contains(app.Services.GetServices<IHostedService>(), service => service is RolloutDriver);
        var view = Assert.Single(manager.GetRollouts());
        Assert.Equal("checkout-v2", view.RolloutId);
        Assert.Equal(RolloutStatus.Pending, view.State.Status);
    }

    [Fact]
    public async Task Driver_ClockPassesTheInterval_TicksTheRollouts()
    {
        var clock = new FakeTimeProvider();
        await using var app = await RolloutTestApp.StartAsync(clock);

        await app.TickAsync(clock);

        var view = app.Services.GetRequiredService<RolloutManager>().GetRollout("checkout-v2")!;
        Assert.Equal(RolloutStatus.Progressing, view.State.Status);
        Assert.Equal(10, view.State.WeightPercent);
    }

    [Fact]
    public async Task Driver_ARolloutFailsOnce_LogsItAndTheNextTickSucceeds()
    {
        var clock = new FakeTimeProvider();
        var store = new FlakyRolloutStore(clock);
        await using var app = await RolloutTestApp.StartAsync(clock, store);
        var manager = app.Services.GetRequiredService<RolloutManager>();

        store.FailNextSave(new IOException("disk unplugged"));
        await app.TickAsync(clock);

        Assert.Equal("disk unplugged", manager.GetRollout("checkout-v2")!.LastError);
        Assert.Contains(app.Logs.Errors, error => error.Contains("checkout-v2", StringComparison.Ordinal));

        await app.TickAsync(clock);

        var view = manager.GetRollout("checkout-v2")!;
        Assert.Null(view.LastError);
        Assert.Equal(RolloutStatus.Progressing, view.State.Status);
    }

    [Fact]
    public async Task Driver_ATickThrows_LogsItAndKeepsTicking()
    {
        var clock = new FakeTimeProvider();
        var store = new FlakyRolloutStore(clock);
        await using var app = await RolloutTestApp.StartAsync(clock, store);

        store.FailNextSave(new OperationCanceledException("a timeout the manager does not catch"));
        await app.TickAsync(clock);
        Assert.Contains(app.Logs.Errors, error => error.Contains("driver keeps ticking", StringComparison.Ordinal));

        await app.TickAsync(clock);
        await app.TickAsync(clock);

        Assert.Equal(RolloutStatus.Progressing, app.Services.GetRequiredService<RolloutManager>().GetRollout("checkout-v2")!.State.Status);
    }

    [Fact]
    public async Task Driver_Shutdown_StopsCleanly()
    {
        var clock = new FakeTimeProvider();
        var app = await RolloutTestApp.StartAsync(clock);
        var driver = app.Services.GetRequiredService<RolloutDriver>();
        await Eventually.TrueAsync(() => driver.ExecuteTask is not null);

        await app.App.StopAsync();

        Assert.True(driver.ExecuteTask!.IsCompleted);
        Assert.False(driver.ExecuteTask.IsFaulted); // completed, or cancelled before the host's Task.Run began it
        Assert.DoesNotContain(app.Logs.Errors, error => error.Contains("driver", StringComparison.Ordinal));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Start_InvalidRolloutsInConfiguration_FailsListingEveryErrorWithItsPath()
    {
        const string Invalid = """
            { "ProgressiveDelivery": {
                "flags": { "checkout": { "variants": { "old": "v1", "new": "v2" }, "defaultVariant": "old" } },
                "rollouts": {
                  "r1": { "flag": "missing", "stableVariant": "old", "canaryVariant": "new", "plan": { "steps": [ { "setWeight": 10 } ] } },
                  "r2": { "flag": "checkout", "stableVariant": "old", "canaryVariant": "new", "plan": { "steps": [ { "setWeight": 150 } ] } }
                } } }
            """;

        var exception = await Assert.ThrowsAsync<DefinitionException>(() => RolloutTestApp.StartAsync(new FakeTimeProvider(), definitions: Invalid));

        Assert.Contains(exception.Errors, error => error.Path.StartsWith("$.rollouts['r1']", StringComparison.Ordinal));
        Assert.Contains(exception.Errors, error => error.Path == "$.rollouts['r2'].plan.steps[0].setWeight");
        Assert.Contains("$.rollouts['r2'].plan.steps[0].setWeight", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProgressiveDelivery_NoRollouts_KeepsStateInMemory()
    {
        await using var app = await TestApp.StartAsync(
            builder => builder.Services.AddProgressiveDelivery(o => o.Flags(f => f.Flag("on", flag => flag.DefaultVariant("on")))),
            _ => { });

        Assert.IsType<ProgressiveDelivery.Rollouts.Persistence.InMemoryRolloutStore>(app.Services.GetRequiredService<ProgressiveDelivery.Rollouts.Persistence.RolloutStore>());
        Assert.Empty(app.Services.GetRequiredService<RolloutManager>().GetRollouts());
    }

    [Fact]
    public async Task AddProgressiveDelivery_RolloutsWithoutAStore_KeepsStateAndAuditInFilesUnderRolloutStateDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "pd-state-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var app = await TestApp.StartAsync(
                builder =>
                {
                    builder.Configuration.AddJsonText(RolloutTestApp.Definitions);
                    builder.Services.AddProgressiveDelivery(o => o.RolloutStateDirectory = directory);
                },
                _ => { }))
            {
                var store = Assert.IsType<ProgressiveDelivery.Rollouts.Persistence.FileRolloutStore>(app.Services.GetRequiredService<ProgressiveDelivery.Rollouts.Persistence.RolloutStore>());
                Assert.Equal(directory, store.DirectoryPath);
                Assert.IsType<ProgressiveDelivery.Rollouts.Audit.FileAuditLog>(app.Services.GetRequiredService<ProgressiveDelivery.Rollouts.Audit.AuditLog>());
                await app.Services.GetRequiredService<RolloutManager>().TickAsync();
            }

            Assert.NotEmpty(Directory.GetFiles(directory, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_InvalidRolloutOptions_FailsNamingTheFields()
    {
        var exception = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(
            builder => builder.Services.AddProgressiveDelivery(o =>
            {
                o.RolloutTickInterval = TimeSpan.Zero;
                o.RolloutStateDirectory = "";
            }),
            _ => { }));

        Assert.Contains("RolloutTickInterval", exception.Message, StringComparison.Ordinal);
        Assert.Contains("RolloutStateDirectory", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddProgressiveDelivery_RolloutServices_AreSingletons()
    {
        var services = new ServiceCollection().AddProgressiveDelivery();

        foreach (var type in new[] { typeof(RolloutManager), typeof(ProgressiveDelivery.Rollouts.Persistence.RolloutStore), typeof(ProgressiveDelivery.Rollouts.Audit.AuditLog), typeof(RolloutDriver) })
        {
            var descriptor = Assert.Single(services, d => d.ServiceType == type);
            Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        }
    }
}
