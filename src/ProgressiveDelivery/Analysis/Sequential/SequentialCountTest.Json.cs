using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Sequential.Internal;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <content>JSON persistence: the state survives a restart bit for bit.</content>
public sealed partial class SequentialCountTest
{
    private const string Kind = "sequentialCountTest";

    /// <summary>Writes the settings and the whole state as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        StateJson.WriteHeader(writer, Kind);
        writer.WriteNumber("concentration", _concentration);
        writer.WriteBoolean("oneSided", _oneSided);
        writer.WriteBoolean("higherIsWorse", _higherIsWorse);
        writer.WriteNumber("gridPoints", _logLikelihood.Length);
        if (double.IsNaN(_referenceShare))
        {
            writer.WriteNull("referenceShare");
        }
        else
        {
            writer.WriteNumber("referenceShare", _referenceShare);
        }

        writer.WriteNumber("canaryEvents", _canaryEvents);
        writer.WriteNumber("baselineEvents", _baselineEvents);
        writer.WriteNumber("updates", _updates);
        writer.WriteNumber("expectedCanaryEvents", _expectedCanaryEvents);
        writer.WriteNumber("rateNumerator", _rateNumerator);
        writer.WriteNumber("rateDenominator", _rateDenominator);
        writer.WriteNumber("logBayesFactor", _logBayesFactor);
        writer.WriteNumber("maxLogBayesFactor", _maxLogBayesFactor);
        StateJson.WriteDoubles(writer, "logLikelihood", _logLikelihood);
        writer.WriteEndObject();
    }

    /// <summary>Restores a test written by <see cref="WriteTo"/>.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>A test in exactly the written state.</returns>
    /// <exception cref="FormatException">The JSON is not a valid state of this test.</exception>
    public static SequentialCountTest ReadFrom(JsonElement element)
    {
        StateJson.RequireHeader(element, Kind);
        var gridPoints = StateJson.GetInt64(element, "gridPoints");
        var options = new SequentialCountTestOptions
        {
            Concentration = StateJson.GetDouble(element, "concentration"),
            OneSided = StateJson.GetBoolean(element, "oneSided"),
            HigherIsWorse = StateJson.GetBoolean(element, "higherIsWorse"),
            ReferenceShare = StateJson.GetOptionalDouble(element, "referenceShare"),
            GridPoints = gridPoints is > 0 and < int.MaxValue ? (int)gridPoints : 0,
        };

        SequentialCountTest test;
        try
        {
            test = new SequentialCountTest(options);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new FormatException("The state holds invalid settings: " + exception.Message, exception);
        }

        test._canaryEvents = StateJson.GetInt64(element, "canaryEvents");
        test._baselineEvents = StateJson.GetInt64(element, "baselineEvents");
        test._updates = StateJson.GetInt64(element, "updates");
        test._expectedCanaryEvents = StateJson.GetDouble(element, "expectedCanaryEvents");
        test._rateNumerator = StateJson.GetDouble(element, "rateNumerator");
        test._rateDenominator = StateJson.GetDouble(element, "rateDenominator");
        test._logBayesFactor = StateJson.GetDouble(element, "logBayesFactor");
        test._maxLogBayesFactor = StateJson.GetDouble(element, "maxLogBayesFactor");
        StateJson.ReadDoubles(element, "logLikelihood", test._logLikelihood);
        return test;
    }
}
