using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// Writes and reads observation summaries as JSON with <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/>
/// (no reflection, so trimming and AOT are safe). Doubles are written in their shortest round-trip form, so a summary
/// read back is bit-for-bit equal to the one written.
/// </summary>
/// <remarks>
/// Formats (keys written in ordinal order, empty parts omitted):
/// <list type="bullet">
/// <item><description>histogram: <c>{"layout":"log-linear/64","zero":n,"negative":[[index,count],...],"positive":[[index,count],...]}</c></description></item>
/// <item><description>value summary: <c>{"count":n,"mean":x,"m2":x,"min":x,"max":x,"histogram":{...},"cells":{"counts":[n,...],"sums":[x,...],"bins":[[cell,bin,n],...]}}</c>
/// (min and max omitted when unknown, cells when not recorded per unit, bins unless <see cref="ValueRecorder.KeepUnitQuantiles"/>:
/// bin = 48 + 1 + e + 24 for positive values in [2^e, 2^(e+1)), 48 for magnitudes below 2^-24, 48 - 1 - (e + 24) for negative ones, e clamped to [-24, 23])</description></item>
/// <item><description>arm summary: <c>{"exposures":n,"counts":{"name":n,...},"values":{"name":{...},...}}</c>, and when recorded per unit
/// <c>"units":n,"cells":{"exposures":[n,...],"units":[n,...],"counts":{"name":[n,...],...}}</c></description></item>
/// </list>
/// Cell arrays have <see cref="UnitKey.CellCount"/> entries.
/// A histogram bucket index is binade × 64 + sub-bucket, with binade = exponent + 64 for magnitudes in [2^exponent, 2^(exponent+1)).
/// </remarks>
public static partial class ObservationJson
{
    /// <summary>The layout tag written with every histogram; reading rejects any other.</summary>
    public const string HistogramLayout = "log-linear/64";

    /// <summary>Serialises an arm summary to a JSON string.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is <see langword="null"/>.</exception>
    public static string Serialize(ArmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Write(summary, static (writer, value) => WriteArmSummary(writer, value));
    }

    /// <summary>Serialises a value summary to a JSON string.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is <see langword="null"/>.</exception>
    public static string Serialize(ValueSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Write(summary, static (writer, value) => WriteValueSummary(writer, value));
    }

    /// <summary>Reads an arm summary from JSON text written by <see cref="Serialize(ArmSummary)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not valid JSON or not an arm summary.</exception>
    public static ArmSummary DeserializeArmSummary(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return ReadArmSummary(document.RootElement);
    }

    /// <summary>Reads a value summary from JSON text written by <see cref="Serialize(ValueSummary)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not valid JSON or not a value summary.</exception>
    public static ValueSummary DeserializeValueSummary(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return ReadValueSummary(document.RootElement);
    }

    /// <summary>Writes an arm summary as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="summary">The summary.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="summary"/> is <see langword="null"/>.</exception>
    public static void WriteArmSummary(Utf8JsonWriter writer, ArmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summary);
        writer.WriteStartObject();
        writer.WriteNumber("exposures", summary.Exposures);
        writer.WriteStartObject("counts");
        foreach (var name in SortedKeys(summary.Counts.Keys))
        {
            writer.WriteNumber(name, summary.Counts[name]);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("values");
        foreach (var name in SortedKeys(summary.Values.Keys))
        {
            writer.WritePropertyName(name);
            WriteValueSummary(writer, summary.Values[name]);
        }

        writer.WriteEndObject();
        if (summary.HasCells)
        {
            writer.WriteNumber("units", summary.Units);
            writer.WriteStartObject("cells");
            WriteCounts(writer, "exposures", summary.ExposureCells!.Counts);
            WriteCounts(writer, "units", summary.UnitCells!.Counts);
            writer.WriteStartObject("counts");
            foreach (var name in SortedKeys(summary.CountCells.Keys))
            {
                WriteCounts(writer, name, summary.CountCells[name].Counts);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, string name, ReadOnlySpan<long> counts)
    {
        writer.WriteStartArray(name);
        foreach (var count in counts)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a value summary as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="summary">The summary.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="summary"/> is <see langword="null"/>.</exception>
    public static void WriteValueSummary(Utf8JsonWriter writer, ValueSummary summary)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summary);
        writer.WriteStartObject();
        writer.WriteNumber("count", summary.Count);
        writer.WriteNumber("mean", summary.Mean);
        writer.WriteNumber("m2", summary.M2);
        if (summary.Count > 0 && !double.IsNaN(summary.Min))
        {
            writer.WriteNumber("min", summary.Min);
            writer.WriteNumber("max", summary.Max);
        }

        if (summary.Histogram is not null)
        {
            writer.WritePropertyName("histogram");
            WriteHistogram(writer, summary.Histogram);
        }

        if (summary.Cells is { } cells)
        {
            writer.WriteStartObject("cells");
            WriteCounts(writer, "counts", cells.Counts);
            writer.WriteStartArray("sums");
            foreach (var sum in cells.Sums)
            {
                writer.WriteNumberValue(sum);
            }

            writer.WriteEndArray();
            if (summary.CellBins is { } bins)
            {
                // Sparse: [cell, bin, count] for every non-empty bin.
                writer.WriteStartArray("bins");
                for (var i = 0; i < bins.Length; i++)
                {
                    if (bins[i] != 0)
                    {
                        writer.WriteStartArray();
                        writer.WriteNumberValue(i / Internal.CellBinades.Bins);
                        writer.WriteNumberValue(i % Internal.CellBinades.Bins);
                        writer.WriteNumberValue(bins[i]);
                        writer.WriteEndArray();
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a histogram as a JSON object (sparse: only non-empty buckets).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="histogram">The histogram.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="histogram"/> is <see langword="null"/>.</exception>
    public static void WriteHistogram(Utf8JsonWriter writer, LogLinearHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(histogram);
        writer.WriteStartObject();
        writer.WriteString("layout", HistogramLayout);
        writer.WriteNumber("zero", histogram.ZeroCount);
        WriteBuckets(writer, "negative", histogram.GetRawBuckets(-1));
        WriteBuckets(writer, "positive", histogram.GetRawBuckets(1));
        writer.WriteEndObject();
    }

    private static void WriteBuckets(Utf8JsonWriter writer, string name, List<KeyValuePair<int, long>> buckets)
    {
        if (buckets.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var bucket in buckets)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(bucket.Key);
            writer.WriteNumberValue(bucket.Value);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static string[] SortedKeys(IEnumerable<string> keys)
    {
        var sorted = new List<string>(keys);
        sorted.Sort(StringComparer.Ordinal);
        return sorted.ToArray();
    }

    private static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
