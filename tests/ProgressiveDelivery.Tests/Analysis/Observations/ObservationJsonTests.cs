using System;
using System.Linq;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Observations;

public class ObservationJsonTests
{
    [Fact]
    public void ArmSummary_RoundTrip_IsBitExact()
    {
        var arm = new ArmObservations();
        arm.RecordExposures(123_456_789_012);
        arm.RecordEvents("errors", 42);
        arm.RecordEvents("crashes", 0);
        foreach (var value in Samples.LogNormal(3, 5_000, Math.Log(0.1), 1.3))
        {
            arm.RecordValue("latency", value);
        }

        foreach (var value in new[] { -1e-300, 0.0, 1e-300, -123.456, Math.PI, 1e100 / 3, -double.Epsilon })
        {
            arm.RecordValue("odd", value);
        }

        var original = arm.GetSummary();
        var json = ObservationJson.Serialize(original);
        var copy = ObservationJson.DeserializeArmSummary(json);

        Assert.Equal(original.Exposures, copy.Exposures);
        Assert.Equal(original.Counts, copy.Counts);
        Assert.Equal(original.Values.Count, copy.Values.Count);
        foreach (var pair in original.Values)
        {
            AssertBitEqual(pair.Value, copy.Values[pair.Key]);
        }

        Assert.Equal(json, ObservationJson.Serialize(copy));
    }

    [Fact]
    public void ValueSummary_WithoutHistogramAndEmpty_RoundTrip()
    {
        var moments = new ValueSummary(3, 1.0 / 3, 2.0 / 3, -0.1, 7e-12);
        AssertBitEqual(moments, ObservationJson.DeserializeValueSummary(ObservationJson.Serialize(moments)));
        AssertBitEqual(ValueSummary.Empty, ObservationJson.DeserializeValueSummary(ObservationJson.Serialize(ValueSummary.Empty)));
    }

    [Fact]
    public void Serialize_ArmSummary_WritesTheDocumentedShape()
    {
        // FromValues records without a unit: the one value is in cell 0.
        var summary = new ArmSummary(2, [new("errors", 1L)], [new("latency", ValueSummary.FromValues([1.0]))]);
        var zeros = string.Concat(Enumerable.Repeat(",0", UnitKey.CellCount - 1));
        Assert.Equal(
            "{\"exposures\":2,\"counts\":{\"errors\":1},\"values\":{\"latency\":{\"count\":1,\"mean\":1,\"m2\":0,\"min\":1,\"max\":1," +
            "\"histogram\":{\"layout\":\"log-linear/64\",\"zero\":0,\"positive\":[[4096,1]]}," +
            "\"cells\":{\"counts\":[1" + zeros + "],\"sums\":[1" + zeros + "]}}}}",
            ObservationJson.Serialize(summary));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"counts\":{}}")]
    [InlineData("{\"exposures\":-1}")]
    [InlineData("{\"exposures\":1,\"counts\":{\"errors\":1.5}}")]
    [InlineData("{\"exposures\":1,\"values\":{\"latency\":{\"count\":1,\"mean\":1,\"m2\":0,\"min\":1,\"max\":1,\"histogram\":{\"layout\":\"other\"}}}}")]
    [InlineData("{\"exposures\":1,\"values\":{\"latency\":{\"count\":2,\"mean\":1,\"m2\":0,\"min\":1,\"max\":1,\"histogram\":{\"layout\":\"log-linear/64\",\"positive\":[[4096,1]]}}}}")]
    [InlineData("{\"exposures\":1,\"values\":{\"latency\":{\"count\":1,\"mean\":1,\"m2\":0,\"min\":1,\"max\":1,\"histogram\":{\"layout\":\"log-linear/64\",\"positive\":[[99999,1]]}}}}")]
    public void DeserializeArmSummary_Invalid_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => ObservationJson.DeserializeArmSummary(json));

    private static void AssertBitEqual(ValueSummary expected, ValueSummary actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Mean), BitConverter.DoubleToInt64Bits(actual.Mean));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.M2), BitConverter.DoubleToInt64Bits(actual.M2));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Min), BitConverter.DoubleToInt64Bits(actual.Min));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Max), BitConverter.DoubleToInt64Bits(actual.Max));
        Assert.Equal(expected.Histogram is null, actual.Histogram is null);
        if (expected.Histogram is not null)
        {
            Assert.Equal(expected.Histogram.ZeroCount, actual.Histogram!.ZeroCount);
            Assert.Equal(expected.Histogram.GetBuckets(), actual.Histogram.GetBuckets());
        }
    }
}
