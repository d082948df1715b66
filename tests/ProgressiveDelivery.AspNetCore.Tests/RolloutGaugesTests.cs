using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Testing;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class RolloutGaugesTests
{
    [Fact]
    public async Task Gauges_ObservedWithAMeterListener_CarryWeightAndStatusPerRollout()
    {
        var clock = new ManualTimeProvider();
        await using var app = await RolloutTestApp.StartAsync(clock);
        using var collector = new MeterCollector(app.Services.GetRequiredService<IMeterFactory>());
        await app.TickAsync(clock);

        collector.Observe();

        var weight = Assert.Single(collector.Of(ProgressiveDeliveryTelemetry.RolloutWeightInstrument));
        Assert.Equal("%", weight.Instrument.Unit);
        Assert.Equal(10, weight.Value);
        Assert.Equal("checkout-v2", weight.Tags[ProgressiveDeliveryTelemetry.RolloutIdTag]);
        Assert.Equal("checkout", weight.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag]);
        Assert.Equal(2, weight.Tags.Count);

        var status = Assert.Single(collector.Of(ProgressiveDeliveryTelemetry.RolloutStatusInstrument));
        Assert.Equal("{status}", status.Instrument.Unit);
        Assert.Equal(1, status.Value);
        Assert.Equal("progressing", status.Tags[ProgressiveDeliveryTelemetry.RolloutStatusTag]);
        Assert.Equal(new[] { ProgressiveDeliveryTelemetry.FlagKeyTag, ProgressiveDeliveryTelemetry.RolloutIdTag, ProgressiveDeliveryTelemetry.RolloutStatusTag },
            status.Tags.Keys.Order());
    }
}
