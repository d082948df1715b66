using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// The recurrence of an FM time window (4.x <c>RecurrenceEvaluator</c>): the window <c>[Start, End)</c> repeats every
/// <c>Interval</c> days (daily) or on the listed days of every <c>Interval</c>-th week (weekly, weeks starting on
/// <c>FirstDayOfWeek</c>), for ever, until <c>EndDate</c> (an occurrence starting on or before it), or for
/// <c>NumberOfOccurrences</c> occurrences. Occurrence starts are <c>Start</c> moved by whole days in its own offset,
/// so a daylight-saving change does not move them, as in FM. Settings are validated when read
/// (<c>FeatureManagementReader</c>); evaluating never allocates.
/// </summary>
internal sealed class FeatureManagementRecurrence
{
    private const int DaysPerWeek = 7;
    private readonly DateTimeOffset _start;
    private readonly TimeSpan _duration;
    private readonly bool _weekly;
    private readonly int _interval;
    private readonly DayOfWeek _firstDayOfWeek;
    private readonly DayOfWeek[] _sortedDays;
    private readonly FeatureManagementRecurrenceEnd _endKind;
    private readonly DateTimeOffset _endDate;
    private readonly int _numberOfOccurrences;

    /// <param name="start">The window's start, the first occurrence.</param>
    /// <param name="end">The window's end.</param>
    /// <param name="weekly">Weekly, else daily.</param>
    /// <param name="interval">Days (daily) or weeks (weekly) between occurrences; at least 1.</param>
    /// <param name="daysOfWeek">The days of a weekly recurrence (duplicates allowed), including <paramref name="start"/>'s.</param>
    /// <param name="firstDayOfWeek">The day weeks start on.</param>
    /// <param name="endKind">How the recurrence ends.</param>
    /// <param name="endDate">For <see cref="FeatureManagementRecurrenceEnd.EndDate"/>: the last day an occurrence may start.</param>
    /// <param name="numberOfOccurrences">For <see cref="FeatureManagementRecurrenceEnd.Numbered"/>: how many occurrences.</param>
    public FeatureManagementRecurrence(DateTimeOffset start, DateTimeOffset end, bool weekly, int interval, DayOfWeek[] daysOfWeek, DayOfWeek firstDayOfWeek,
        FeatureManagementRecurrenceEnd endKind, DateTimeOffset endDate, int numberOfOccurrences)
    {
        _start = start;
        _duration = end - start;
        _weekly = weekly;
        _interval = interval;
        _firstDayOfWeek = firstDayOfWeek;
        _sortedDays = SortDaysOfWeek(daysOfWeek, firstDayOfWeek);
        _endKind = endKind;
        _endDate = endDate;
        _numberOfOccurrences = numberOfOccurrences;
    }

    /// <summary>Whether <paramref name="time"/> is inside an occurrence of the window.</summary>
    public bool IsMatch(DateTimeOffset time) =>
        time >= _start && TryFindPreviousOccurrence(time, out var previous) && time < previous + _duration;

    /// <summary>The days of <paramref name="days"/>, without duplicates, in week order from <paramref name="firstDayOfWeek"/>.</summary>
    public static DayOfWeek[] SortDaysOfWeek(DayOfWeek[] days, DayOfWeek firstDayOfWeek)
    {
        var distinct = new System.Collections.Generic.List<DayOfWeek>(days.Length);
        foreach (var day in days)
        {
            if (!distinct.Contains(day))
            {
                distinct.Add(day);
            }
        }

        distinct.Sort((x, y) => DayOffset(x, firstDayOfWeek).CompareTo(DayOffset(y, firstDayOfWeek)));
        return [.. distinct];
    }

    /// <summary>How many days <paramref name="day"/> comes after <paramref name="from"/>, in [0, 7).</summary>
    public static int DayOffset(DayOfWeek day, DayOfWeek from) => ((int)day - (int)from + DaysPerWeek) % DaysPerWeek;

    private bool TryFindPreviousOccurrence(DateTimeOffset time, out DateTimeOffset previous)
    {
        int count;
        if (_weekly)
        {
            FindWeeklyPreviousOccurrence(time, out previous, out count);
        }
        else
        {
            // The same floating-point steps as FM, so that a time a tick from a boundary lands on the same side.
            var periods = (int)Math.Floor((time - _start).TotalSeconds / TimeSpan.FromDays(_interval).TotalSeconds);
            previous = _start.AddDays(periods * _interval);
            count = periods + 1;
        }

        return _endKind switch
        {
            FeatureManagementRecurrenceEnd.EndDate => previous <= _endDate,
            FeatureManagementRecurrenceEnd.Numbered => count <= _numberOfOccurrences,
            _ => true,
        };
    }

    private void FindWeeklyPreviousOccurrence(DateTimeOffset time, out DateTimeOffset previous, out int count)
    {
        var days = _sortedDays;
        var firstWeekStart = _start.AddDays(-DayOffset(_start.DayOfWeek, _firstDayOfWeek));
        var weeks = (int)Math.Floor((time - firstWeekStart).TotalSeconds / TimeSpan.FromDays(_interval * DaysPerWeek).TotalSeconds);
        var weekStart = firstWeekStart.AddDays(weeks * (_interval * DaysPerWeek));
        count = weeks * days.Length - Array.IndexOf(days, _start.DayOfWeek);
        if (time - weekStart > TimeSpan.FromDays(DaysPerWeek))
        {
            count += days.Length;
            previous = weekStart.AddDays(DayOffset(days[^1], _firstDayOfWeek));
            return;
        }

        var occurrence = weekStart.AddDays(DayOffset(days[0], _firstDayOfWeek));
        if (occurrence < _start)
        {
            count = 0;
            occurrence = _start;
        }

        if (time < occurrence)
        {
            previous = weekStart.AddDays(-_interval * DaysPerWeek).AddDays(DayOffset(days[^1], _firstDayOfWeek));
            return;
        }

        previous = occurrence;
        count++;
        for (var i = Array.IndexOf(days, occurrence.DayOfWeek) + 1; i < days.Length; i++)
        {
            var next = weekStart.AddDays(DayOffset(days[i], _firstDayOfWeek));
            if (time < next)
            {
                break;
            }

            previous = next;
            count++;
        }
    }
}
