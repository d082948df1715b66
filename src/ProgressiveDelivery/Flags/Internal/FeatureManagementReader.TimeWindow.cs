using System;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>The <c>Microsoft.TimeWindow</c> filter and its recurrence, validated as FM 4.7.0's <c>RecurrenceValidator</c> validates them.</summary>
internal static partial class FeatureManagementReader
{
    private const string TooLong = "the time window cannot last longer than the recurrence's period or than 10 years.";

    private enum PatternType
    {
        Daily = 0,
        Weekly = 1,
    }

    private static FeatureManagementTimeWindowFilter? ReadTimeWindow(string feature, FeatureManagementNode parameters, TimeProvider timeProvider, List<DefinitionError> errors)
    {
        var errorCount = errors.Count;
        var start = ReadDate(parameters.GetSection("Start"), feature, errors);
        var end = ReadDate(parameters.GetSection("End"), feature, errors);
        var recurrenceNode = parameters.GetSection("Recurrence");
        FeatureManagementRecurrence? recurrence = null;
        if (errors.Count == errorCount && recurrenceNode.Exists)
        {
            recurrence = ReadRecurrence(feature, parameters, recurrenceNode, start, end, errors);
        }

        return errors.Count == errorCount ? new FeatureManagementTimeWindowFilter(timeProvider, start, end, recurrence) : null;
    }

    private static FeatureManagementRecurrence? ReadRecurrence(string feature, FeatureManagementNode parameters, FeatureManagementNode node,
        DateTimeOffset? maybeStart, DateTimeOffset? maybeEnd, List<DefinitionError> errors)
    {
        var patternNode = node.GetSection("Pattern");
        var rangeNode = node.GetSection("Range");
        string? missing = maybeStart is null ? "Start" : maybeEnd is null ? "End" : !patternNode.Exists ? "Recurrence:Pattern" : !rangeNode.Exists ? "Recurrence:Range" : null;
        if (missing is not null)
        {
            Error(errors, parameters.GetSection(missing).Path, feature, DefinitionErrorCodes.Missing, $"a recurring time window needs {missing}.");
            return null;
        }

        var start = maybeStart!.Value;
        var end = maybeEnd!.Value;
        var endPath = parameters.GetSection("End").Path;
        var duration = end - start;
        if (duration <= TimeSpan.Zero)
        {
            return Error<FeatureManagementRecurrence?>(errors, endPath, feature, DefinitionErrorCodes.InvalidValue, "End must be after Start.");
        }

        if (duration >= TimeSpan.FromDays(3650))
        {
            return Error<FeatureManagementRecurrence?>(errors, endPath, feature, DefinitionErrorCodes.InvalidValue, TooLong);
        }

        var errorCount = errors.Count;
        var type = ReadEnum(patternNode.GetSection("Type"), PatternType.Daily, feature, errors);
        var intervalNode = patternNode.GetSection("Interval");
        var interval = string.IsNullOrEmpty(intervalNode.Value) ? 1 : ReadInt(intervalNode, feature, errors);
        var firstDayOfWeek = ReadEnum(patternNode.GetSection("FirstDayOfWeek"), DayOfWeek.Sunday, feature, errors);
        var days = new List<DayOfWeek>();
        foreach (var day in patternNode.GetSection("DaysOfWeek").GetChildren())
        {
            days.Add(ReadEnum(day, DayOfWeek.Sunday, feature, errors));
        }

        var endKind = ReadEnum(rangeNode.GetSection("Type"), FeatureManagementRecurrenceEnd.NoEnd, feature, errors);
        var endDate = ReadDate(rangeNode.GetSection("EndDate"), feature, errors) ?? DateTimeOffset.MaxValue;
        var occurrencesNode = rangeNode.GetSection("NumberOfOccurrences");
        var occurrences = string.IsNullOrEmpty(occurrencesNode.Value) ? int.MaxValue : ReadInt(occurrencesNode, feature, errors);
        if (errors.Count != errorCount)
        {
            return null;
        }

        if (interval <= 0)
        {
            return Error<FeatureManagementRecurrence?>(errors, intervalNode.Path, feature, DefinitionErrorCodes.InvalidValue, "Interval must be at least 1.");
        }

        if (type == PatternType.Daily && duration > TimeSpan.FromDays(interval))
        {
            return Error<FeatureManagementRecurrence?>(errors, endPath, feature, DefinitionErrorCodes.InvalidValue, TooLong);
        }

        if (type == PatternType.Weekly && !IsValidWeekly(feature, patternNode, start, duration, interval, [.. days], firstDayOfWeek, endPath, errors))
        {
            return null;
        }

        if (endKind == FeatureManagementRecurrenceEnd.EndDate && endDate < start)
        {
            return Error<FeatureManagementRecurrence?>(errors, rangeNode.GetSection("EndDate").Path, feature, DefinitionErrorCodes.InvalidValue, "EndDate cannot be before Start.");
        }

        if (endKind == FeatureManagementRecurrenceEnd.Numbered && occurrences < 1)
        {
            return Error<FeatureManagementRecurrence?>(errors, occurrencesNode.Path, feature, DefinitionErrorCodes.InvalidValue, "NumberOfOccurrences must be at least 1.");
        }

        return new FeatureManagementRecurrence(start, end, type == PatternType.Weekly, interval, [.. days], firstDayOfWeek, endKind, endDate, occurrences);
    }

    private static bool IsValidWeekly(string feature, FeatureManagementNode patternNode, DateTimeOffset start, TimeSpan duration, int interval,
        DayOfWeek[] days, DayOfWeek firstDayOfWeek, string endPath, List<DefinitionError> errors)
    {
        if (days.Length == 0)
        {
            Error(errors, patternNode.GetSection("DaysOfWeek").Path, feature, DefinitionErrorCodes.Missing, "a weekly recurrence needs DaysOfWeek.");
            return false;
        }

        if (duration > TimeSpan.FromDays(interval * 7) || !IsDurationCompliantWithDaysOfWeek(duration, interval, days, firstDayOfWeek))
        {
            Error(errors, endPath, feature, DefinitionErrorCodes.InvalidValue, TooLong);
            return false;
        }

        if (Array.IndexOf(days, start.DayOfWeek) < 0)
        {
            Error(errors, patternNode.GetSection("DaysOfWeek").Path, feature, DefinitionErrorCodes.InvalidValue,
                $"Start ({start.DayOfWeek}) is not a valid first occurrence: its day is not one of DaysOfWeek.");
            return false;
        }

        return true;
    }

    /// <summary>The window may not last longer than the shortest gap between two of its days (across weeks only when the interval is 1).</summary>
    private static bool IsDurationCompliantWithDaysOfWeek(TimeSpan duration, int interval, DayOfWeek[] days, DayOfWeek firstDayOfWeek)
    {
        var sorted = FeatureManagementRecurrence.SortDaysOfWeek(days, firstDayOfWeek);
        if (days.Length == 1)
        {
            return true;
        }

        var shortest = TimeSpan.FromDays(7);
        for (var i = 1; i < sorted.Length; i++)
        {
            var gap = TimeSpan.FromDays(FeatureManagementRecurrence.DayOffset(sorted[i], sorted[i - 1]));
            if (gap < shortest)
            {
                shortest = gap;
            }
        }

        if (interval == 1)
        {
            var wrap = TimeSpan.FromDays(FeatureManagementRecurrence.DayOffset(sorted[0], sorted[^1]));
            if (wrap < shortest)
            {
                shortest = wrap;
            }
        }

        return shortest >= duration;
    }
}
