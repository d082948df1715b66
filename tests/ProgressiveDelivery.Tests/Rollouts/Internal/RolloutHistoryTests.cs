using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Internal;

namespace ProgressiveDelivery.Tests.Rollouts.Internal;

public sealed class RolloutHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_24HoursAtOneLookPerSecond_StaysBoundedEvenlySpreadInOrderWithEveryStepChange()
    {
        var history = new RolloutHistory();
        const int seconds = 24 * 60 * 60;
        for (var second = 0; second <= seconds; second++)
        {
            var weight = second < 6 * 3600 ? 1_000 : second < 12 * 3600 ? 2_500 : second < 18 * 3600 ? 5_000 : 7_500;
            history.Add(Point(Start.AddSeconds(second), weight));
            Assert.True(history.Count <= RolloutHistory.Capacity, $"{history.Count} points after {second} s");
        }

        var points = Points(history);
        Assert.InRange(points.Count, RolloutHistory.Capacity / 2, RolloutHistory.Capacity);
        Assert.Equal(Start, points[0].Time);
        Assert.Equal(Start.AddSeconds(seconds), points[^1].Time); // the latest look is always there
        Assert.True(points.Zip(points.Skip(1)).All(pair => pair.First.Time < pair.Second.Time), "points are in time order");

        // Evenly spread: no gap longer than a few spacings, so no hour of the day is missing.
        var longestGap = points.Zip(points.Skip(1)).Max(pair => pair.Second.Time - pair.First.Time);
        Assert.True(longestGap <= TimeSpan.FromSeconds(seconds) / (RolloutHistory.Capacity / 8), $"longest gap {longestGap}");

        // Each step change is kept at the second it happened.
        foreach (var hour in new[] { 6, 12, 18 })
        {
            Assert.Contains(points, point => point.Time == Start.AddHours(hour));
        }

        // Bounded bytes too: about 570 bytes a point with two judged metrics, so under 128 KB whatever the length.
        var bytes = Serialize(history).Length;
        Assert.True(bytes < 128 * 1024, $"{bytes} bytes");
    }

    [Fact]
    public void Add_FewerLooksThanTheCapacity_KeepsEveryOne()
    {
        var history = new RolloutHistory();
        for (var i = 0; i < 100; i++)
        {
            history.Add(Point(Start.AddSeconds(10 * i), 1_000));
        }

        Assert.Equal(100, history.Count);
        Assert.Equal(TimeSpan.Zero, history.Spacing);
    }

    [Fact]
    public void Read_WhatWriteWrote_IsTheSamePointsAndKeepsTheSpacing()
    {
        var history = new RolloutHistory();
        for (var second = 0; second < 5_000; second++)
        {
            history.Add(Point(Start.AddSeconds(second), second < 2_000 ? 1_000 : 5_000));
        }

        var read = RolloutHistory.Read(JsonDocument.Parse(Serialize(history)).RootElement);

        Assert.Equal(Serialize(history), Serialize(read));
        Assert.True(read.Spacing > TimeSpan.Zero);
        read.Add(Point(Start.AddSeconds(5_000), 5_000));
        Assert.True(read.Count <= RolloutHistory.Capacity);
    }

    [Fact]
    public void Read_AStateWithoutHistory_IsEmpty()
    {
        using var old = JsonDocument.Parse("""{"format": "progressive-delivery.rollout-state.v2"}""");

        Assert.Equal(0, RolloutStateJson.ReadHistory(old.RootElement).Count);
        Assert.Equal(0, RolloutHistory.Read(null).Count);
    }

    [Fact]
    public void Read_APointWithoutItsTime_FailsNamingTheFields()
    {
        using var bad = JsonDocument.Parse("""[{"weightPercent": 10}]""");

        var exception = Assert.Throws<FormatException>(() => RolloutHistory.Read(bad.RootElement));
        Assert.Contains("timestamp", exception.Message, StringComparison.Ordinal);
    }

    private static HistoryPoint Point(DateTimeOffset time, int weightBasisPoints)
    {
        var state = new RolloutState { Status = RolloutStatus.Progressing, WeightBasisPoints = weightBasisPoints, Attempt = 1, StepIndex = weightBasisPoints / 1_000 };
        var point = HistoryPoint.Create(time, state, null, null, null, null);

        // Two deciding metrics' worth of look fields, the size a real point has.
        var json = point.Json.GetRawText().TrimEnd('}')
            + ""","decision":"continue","srmPValue":0.731,"arms":{"baseline":{"exposures":123456,"errors":1234,"errorRate":0.0099951,"latencyP50Seconds":0.0501,"latencyP95Seconds":0.1873},"canary":{"exposures":12345,"errors":123,"errorRate":0.0099635,"latencyP50Seconds":0.0502,"latencyP95Seconds":0.1881}},"metrics":[{"name":"errors","result":"Pass","scale":"difference","effect":-0.0000316,"lower":-0.0021,"upper":0.0019,"tolerance":0.005},{"name":"latency","result":"Pass","scale":"log_ratio","effect":0.002,"lower":-0.021,"upper":0.024,"tolerance":0.0953}]}""";
        using var document = JsonDocument.Parse(json);
        return point with { Json = document.RootElement.Clone() };
    }

    private static List<(DateTimeOffset Time, double Weight)> Points(RolloutHistory history) =>
        history.ToElement().GetProperty("points").EnumerateArray()
            .Select(point => (point.GetProperty("timestamp").GetDateTimeOffset(), point.GetProperty("weightPercent").GetDouble()))
            .ToList();

    private static string Serialize(RolloutHistory history)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            history.Write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
