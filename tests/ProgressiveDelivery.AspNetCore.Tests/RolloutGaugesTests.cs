using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class RolloutGaugesTests
{
    [Fact]
    public async Task Gauges_ObservedWithAMeterListener_CarryWeightAndStatusPerRollout()
    {
        var clock = new FakeTimeProvider();
        await using var app = await RolloutTestApp.StartAsync(clock);
        using var weights = app.Collect<double>(ProgressiveDeliveryTelemetry.RolloutWeightInstrument);
        using var statuses = app.Collect<int>(ProgressiveDeliveryTelemetry.RolloutStatusInstrument);
        await app.TickAsync(clock);

        weights.RecordObservableInstruments();
        statuses.RecordObservableInstruments();

        var weight = Assert.Single(weights.GetMeasurementSnapshot());
        Assert.Equal("%", weights.Instrument!.Unit);
        Assert.Equal(10, weight.Value);
        Assert.Equal("checkout-v2", weight.Tags[ProgressiveDeliveryTelemetry.RolloutIdTag]);
        Assert.Equal("checkout", weight.Tags[ProgressiveDeliveryTelemetry.FlagKeyTag]);
        Assert.Equal(2, weight.Tags.Count);

        var status = Assert.Single(statuses.GetMeasurementSnapshot());
        Assert.Equal("{status}", statuses.Instrument!.Unit);
        Assert.Equal(1, status.Value);
        Assert.Equal("progressing", status.Tags[ProgressiveDeliveryTelemetry.RolloutStatusTag]);
        Assert.Equal(new[] { ProgressiveDeliveryTelemetry.FlagKeyTag, ProgressiveDeliveryTelemetry.RolloutIdTag, ProgressiveDeliveryTelemetry.RolloutStatusTag },
            status.Tags.Keys.Order());
    }
}
