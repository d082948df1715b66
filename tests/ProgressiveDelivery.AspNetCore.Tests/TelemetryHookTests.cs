using System.Diagnostics;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class TelemetryHookTests
{
    [Fact]
    public void Evaluate_WithListenerAndRecordedActivity_AddsAnEvaluationEvent()
    {
        using var source = new ActivitySource("ProgressiveDelivery.Tests." + nameof(TelemetryHookTests));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ProgressiveDeliveryTelemetry.ActivitySourceName || s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var provider = new ServiceCollection().AddLogging()
            .AddProgressiveDelivery(o => o.Flags(f => f.Flag("x", b => b.BooleanVariants().DefaultVariant("on"))))
            .BuildServiceProvider();
        var evaluator = provider.GetRequiredService<FlagEvaluator>();

        using var activity = source.StartActivity("request")!;
        evaluator.Evaluate("x", EvaluationContext.ForUnit("user-1"));
        evaluator.Evaluate("missing", EvaluationContext.ForUnit("user-1"));

        var events = activity.Events.Where(e => e.Name == ProgressiveDeliveryTelemetry.EvaluationEventName).ToList();
        Assert.Equal(2, events.Count);
        var tags = events[0].Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("x", tags[ProgressiveDeliveryTelemetry.FlagKeyTag]);
        Assert.Equal("on", tags[ProgressiveDeliveryTelemetry.VariantTag]);
        Assert.Equal("static", tags[ProgressiveDeliveryTelemetry.ReasonTag]);
        Assert.Equal("flag_not_found", events[1].Tags.Single(t => t.Key == ProgressiveDeliveryTelemetry.ErrorTypeTag).Value);
        Assert.DoesNotContain(events.SelectMany(e => e.Tags), t => Equals(t.Value, "user-1"));
    }
}
