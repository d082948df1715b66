using System;
using System.Collections.Generic;
using System.Threading;

namespace ProgressiveDelivery.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when a test moves it (<see cref="Advance"/>, <see cref="SetUtcNow"/>).
/// Timers created from it fire on those calls, in due order, on the calling thread; timestamps advance with the clock.
/// Thread-safe.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _origin;
    private DateTimeOffset _now;
    private TimeZoneInfo _localTimeZone = TimeZoneInfo.Utc;

    /// <summary>Creates a clock at 2026-01-01T00:00:00Z.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Creates a clock at <paramref name="start"/>.</summary>
    /// <param name="start">The initial time.</param>
    public ManualTimeProvider(DateTimeOffset start)
    {
        _origin = start;
        _now = start;
    }

    /// <inheritdoc />
    /// <value>The default value is <see cref="TimeZoneInfo.Utc"/>.</value>
    public override TimeZoneInfo LocalTimeZone
    {
        get
        {
            lock (_gate)
            {
                return _localTimeZone;
            }
        }
    }

    /// <inheritdoc />
    /// <value>Ticks: <see cref="TimeSpan.TicksPerSecond"/>.</value>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Sets the time zone <see cref="LocalTimeZone"/> returns.</summary>
    /// <param name="timeZone">The time zone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is <see langword="null"/>.</exception>
    public void SetLocalTimeZone(TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        lock (_gate)
        {
            _localTimeZone = timeZone;
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return (_now - _origin).Ticks;
        }
    }

    /// <summary>Moves the clock forward and fires the timers that come due, in order.</summary>
    /// <param name="delta">How far to move; zero fires timers due now.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        MoveTo(target);
    }

    /// <summary>Sets the clock to a later (or the same) time and fires the timers that come due, in order.</summary>
    /// <param name="value">The new time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is before the current time: time does not go back.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock is at {_now:O}; it cannot go back.");
            }
        }

        MoveTo(value);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The number of timers that are scheduled to fire.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                foreach (var timer in _timers)
                {
                    if (timer.DueAt <= target && (next is null || timer.DueAt < next.DueAt))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt;
                }

                if (next.Period > TimeSpan.Zero)
                {
                    next.DueAt = _now + next.Period;
                }
                else
                {
                    _timers.Remove(next);
                }
            }

            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                DueAt = owner._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                owner._timers.Add(this);
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
