using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Sequential.Internal;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <content>JSON persistence: the state survives a restart bit for bit.</content>
public sealed partial class SampleRatioMismatchTest
{
    private const string Kind = "sampleRatioMismatchTest";

    /// <summary>Writes the settings and the whole state as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        StateJson.WriteHeader(writer, Kind);
        writer.WriteNumber("arms", Arms);
        writer.WriteNumber("concentration", _concentration);
        writer.WriteNumber("threshold", _threshold);
        writer.WriteBoolean("hasSegment", _hasSegment);
        writer.WriteNumber("segments", _segments);
        writer.WriteNumber("updates", _updates);
        writer.WriteNumber("unexpectedExposures", _unexpectedExposures);
        writer.WriteNumber("closedLogBayesFactor", _closedLogBayesFactor);
        writer.WriteNumber("logBayesFactor", _logBayesFactor);
        writer.WriteNumber("maxLogBayesFactor", _maxLogBayesFactor);
        StateJson.WriteDoubles(writer, "segmentShares", _segmentShares);
        StateJson.WriteInt64s(writer, "segmentCounts", _segmentCounts);
        StateJson.WriteInt64s(writer, "exposures", _totals);
        StateJson.WriteDoubles(writer, "expectedExposures", _expectedTotals);
        writer.WriteEndObject();
    }

    /// <summary>Restores a test written by <see cref="WriteTo"/>.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>A test in exactly the written state.</returns>
    /// <exception cref="FormatException">The JSON is not a valid state of this test.</exception>
    public static SampleRatioMismatchTest ReadFrom(JsonElement element)
    {
        StateJson.RequireHeader(element, Kind);
        var arms = StateJson.GetInt64(element, "arms");
        var options = new SampleRatioMismatchOptions
        {
            Concentration = StateJson.GetDouble(element, "concentration"),
            Threshold = StateJson.GetDouble(element, "threshold"),
        };

        SampleRatioMismatchTest test;
        try
        {
            test = new SampleRatioMismatchTest(arms is >= 2 and <= 1_000_000 ? (int)arms : 0, options);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new FormatException("The state holds invalid settings: " + exception.Message, exception);
        }

        test._hasSegment = StateJson.GetBoolean(element, "hasSegment");
        test._segments = (int)Math.Clamp(StateJson.GetInt64(element, "segments"), 0, int.MaxValue);
        test._updates = StateJson.GetInt64(element, "updates");
        test._unexpectedExposures = StateJson.GetInt64(element, "unexpectedExposures");
        test._closedLogBayesFactor = StateJson.GetDouble(element, "closedLogBayesFactor");
        test._logBayesFactor = StateJson.GetDouble(element, "logBayesFactor");
        test._maxLogBayesFactor = StateJson.GetDouble(element, "maxLogBayesFactor");
        StateJson.ReadDoubles(element, "segmentShares", test._segmentShares);
        StateJson.ReadInt64s(element, "segmentCounts", test._segmentCounts);
        StateJson.ReadInt64s(element, "exposures", test._totals);
        StateJson.ReadDoubles(element, "expectedExposures", test._expectedTotals);
        return test;
    }
}
