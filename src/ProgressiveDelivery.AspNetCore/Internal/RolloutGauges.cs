using System.Collections.Generic;
using System.Diagnostics.Metrics;
using ProgressiveDelivery.Rollouts;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The rollout gauges on the meter <see cref="ProgressiveDeliveryTelemetry.MeterName"/> (the factory returns the same
/// meter as <see cref="ProgressiveDeliveryMetrics"/>): each rollout's canary weight in percent and its status code,
/// tagged with the rollout id and the flag key (from the definitions; never a unit id). Observed on collection only.
/// </summary>
internal sealed class RolloutGauges
{
    private readonly RolloutManager _manager;

    public RolloutGauges(IMeterFactory meterFactory, RolloutManager manager)
    {
        _manager = manager;
        var meter = meterFactory.Create(ProgressiveDeliveryTelemetry.MeterName);
        meter.CreateObservableGauge(
            ProgressiveDeliveryTelemetry.RolloutWeightInstrument,
            ObserveWeights,
            "%",
            "The canary variant's weight of each rollout, in percent, by rollout and flag.");
        meter.CreateObservableGauge(
            ProgressiveDeliveryTelemetry.RolloutStatusInstrument,
            ObserveStatuses,
            "{status}",
            "The status of each rollout as a code (0 pending, 1 progressing, 2 paused, 3 promoted, 4 rolled back, 5 aborted), by rollout, flag and status.");
    }

    /// <summary>The tag value of a status (snake_case, a closed set).</summary>
    public static string StatusName(RolloutStatus status) => status switch
    {
        RolloutStatus.Progressing => "progressing",
        RolloutStatus.Paused => "paused",
        RolloutStatus.Promoted => "promoted",
        RolloutStatus.RolledBack => "rolled_back",
        RolloutStatus.Aborted => "aborted",
        _ => "pending",
    };

    private IEnumerable<Measurement<double>> ObserveWeights()
    {
        var views = _manager.GetRollouts();
        var measurements = new List<Measurement<double>>(views.Count);
        foreach (var view in views)
        {
            measurements.Add(new Measurement<double>(
                view.State.WeightPercent,
                new KeyValuePair<string, object?>(ProgressiveDeliveryTelemetry.RolloutIdTag, view.RolloutId),
                new KeyValuePair<string, object?>(ProgressiveDeliveryTelemetry.FlagKeyTag, view.FlagKey)));
        }

        return measurements;
    }

    private IEnumerable<Measurement<int>> ObserveStatuses()
    {
        var views = _manager.GetRollouts();
        var measurements = new List<Measurement<int>>(views.Count);
        foreach (var view in views)
        {
            measurements.Add(new Measurement<int>(
                (int)view.State.Status,
                new KeyValuePair<string, object?>(ProgressiveDeliveryTelemetry.RolloutIdTag, view.RolloutId),
                new KeyValuePair<string, object?>(ProgressiveDeliveryTelemetry.FlagKeyTag, view.FlagKey),
                new KeyValuePair<string, object?>(ProgressiveDeliveryTelemetry.RolloutStatusTag, StatusName(view.State.Status))));
        }

        return measurements;
    }
}
