using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// FM's <c>Microsoft.TimeWindow</c> filter on a <see cref="TimeProvider"/>: passes from <c>Start</c> (inclusive) to
/// <c>End</c> (exclusive), either bound optional; outside it, during an occurrence of the <c>Recurrence</c> when there
/// is one; never when neither bound is set. Instants compare as instants; the recurrence computes days and weekdays in
/// the offset <c>Start</c> was written with, as FM does.
/// </summary>
internal sealed class FeatureManagementTimeWindowFilter(TimeProvider timeProvider, DateTimeOffset? start, DateTimeOffset? end, FeatureManagementRecurrence? recurrence)
    : FeatureManagementFilter
{
    public override bool Evaluate(string? userId, ReadOnlySpan<string> groups) => IsActive(timeProvider.GetUtcNow());

    public bool IsActive(DateTimeOffset now)
    {
        if (start is null && end is null)
        {
            return false;
        }

        if ((start is not { } from || now >= from) && (end is not { } to || now < to))
        {
            return true;
        }

        return recurrence is not null && recurrence.IsMatch(now);
    }
}
