using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.Testing.Tests;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_MovesTheClockAndTimestamps()
    {
        var time = new ManualTimeProvider(Start);
        var timestamp = time.GetTimestamp();

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(Start.AddMinutes(5), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(5), time.GetElapsedTime(timestamp));
    }

    [Fact]
    public void Advance_FiresDueTimersInOrder_PeriodicOnesRepeatedly()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<string>();
        using var periodic = time.CreateTimer(_ => fired.Add("tick@" + time.GetUtcNow().Minute), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        using var once = time.CreateTimer(_ => fired.Add("once@" + time.GetUtcNow().Minute), null, TimeSpan.FromSeconds(90), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(["tick@1", "once@1", "tick@2", "tick@3"], fired);
        Assert.Equal(1, time.ActiveTimerCount);
    }

    [Fact]
    public async Task Delay_CompletesWhenTheClockIsAdvanced()
    {
        var time = new ManualTimeProvider(Start);
        var delay = Task.Delay(TimeSpan.FromSeconds(30), time);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws_AndDisposedTimersDoNotFire()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        timer.Dispose();

        time.SetUtcNow(Start.AddHours(1));

        Assert.Equal(0, fired);
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
    }
}
