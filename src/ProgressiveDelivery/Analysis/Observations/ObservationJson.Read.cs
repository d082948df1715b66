using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ProgressiveDelivery.Analysis.Observations;

/// <content>Reading summaries back from JSON elements.</content>
public static partial class ObservationJson
{
    /// <summary>Reads an arm summary from a JSON object written by <see cref="WriteArmSummary"/>.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="JsonException">The element is not a valid arm summary.</exception>
    public static ArmSummary ReadArmSummary(JsonElement element)
    {
        RequireKind(element, JsonValueKind.Object, "arm summary");
        var counts = new List<KeyValuePair<string, long>>();
        if (element.TryGetProperty("counts", out var countsElement))
        {
            RequireKind(countsElement, JsonValueKind.Object, "counts");
            foreach (var property in countsElement.EnumerateObject())
            {
                counts.Add(new KeyValuePair<string, long>(property.Name, ReadInt64(property.Value, property.Name)));
            }
        }

        var values = new List<KeyValuePair<string, ValueSummary>>();
        if (element.TryGetProperty("values", out var valuesElement))
        {
            RequireKind(valuesElement, JsonValueKind.Object, "values");
            foreach (var property in valuesElement.EnumerateObject())
            {
                values.Add(new KeyValuePair<string, ValueSummary>(property.Name, ReadValueSummary(property.Value)));
            }
        }

        if (!element.TryGetProperty("cells", out var cellsElement))
        {
            return Construct(() => new ArmSummary(ReadInt64(Required(element, "exposures"), "exposures"), counts, values));
        }

        RequireKind(cellsElement, JsonValueKind.Object, "cells");
        var exposures = ReadCells(Required(cellsElement, "exposures"), null, "cells.exposures");
        var units = ReadCells(Required(cellsElement, "units"), null, "cells.units");
        var countCells = new List<KeyValuePair<string, UnitCells>>();
        if (cellsElement.TryGetProperty("counts", out var countCellsElement))
        {
            RequireKind(countCellsElement, JsonValueKind.Object, "cells.counts");
            foreach (var property in countCellsElement.EnumerateObject())
            {
                countCells.Add(new KeyValuePair<string, UnitCells>(property.Name, ReadCells(property.Value, null, "cells.counts." + property.Name)));
            }
        }

        var summary = Construct(() => ArmSummary.FromCells(exposures, units, countCells, values));
        if (summary.Exposures != ReadInt64(Required(element, "exposures"), "exposures")
            || summary.Units != ReadInt64(Required(element, "units"), "units"))
        {
            throw new JsonException("The exposures or units differ from the sum of their cells.");
        }

        foreach (var pair in counts)
        {
            if (summary.GetCount(pair.Key) != pair.Value)
            {
                throw new JsonException($"The count of '{pair.Key}' differs from the sum of its cells.");
            }
        }

        return summary;
    }

    private static UnitCells ReadCells(JsonElement counts, JsonElement? sums, string name)
    {
        RequireKind(counts, JsonValueKind.Array, name);
        if (counts.GetArrayLength() != UnitKey.CellCount)
        {
            throw new JsonException($"'{name}' must have {UnitKey.CellCount} entries.");
        }

        var countValues = new long[UnitKey.CellCount];
        var i = 0;
        foreach (var item in counts.EnumerateArray())
        {
            countValues[i++] = ReadInt64(item, name);
        }

        var sumValues = Array.Empty<double>();
        if (sums is { } sumsElement)
        {
            RequireKind(sumsElement, JsonValueKind.Array, name + ".sums");
            if (sumsElement.GetArrayLength() != UnitKey.CellCount)
            {
                throw new JsonException($"'{name}.sums' must have {UnitKey.CellCount} entries.");
            }

            sumValues = new double[UnitKey.CellCount];
            i = 0;
            foreach (var item in sumsElement.EnumerateArray())
            {
                sumValues[i++] = ReadDouble(item, name + ".sums");
            }
        }

        return Construct(() => UnitCells.Create(countValues, sumValues));
    }

    /// <summary>Reads a value summary from a JSON object written by <see cref="WriteValueSummary"/>.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="JsonException">The element is not a valid value summary.</exception>
    public static ValueSummary ReadValueSummary(JsonElement element)
    {
        RequireKind(element, JsonValueKind.Object, "value summary");
        var count = ReadInt64(Required(element, "count"), "count");
        var mean = ReadDouble(Required(element, "mean"), "mean");
        var m2 = ReadDouble(Required(element, "m2"), "m2");
        var min = element.TryGetProperty("min", out var minElement) ? ReadDouble(minElement, "min") : double.NaN;
        var max = element.TryGetProperty("max", out var maxElement) ? ReadDouble(maxElement, "max") : double.NaN;
        var histogram = element.TryGetProperty("histogram", out var histogramElement) ? ReadHistogram(histogramElement) : null;
        UnitCells? cells = null;
        if (element.TryGetProperty("cells", out var cellsElement))
        {
            RequireKind(cellsElement, JsonValueKind.Object, "cells");
            cells = ReadCells(Required(cellsElement, "counts"), Required(cellsElement, "sums"), "cells.counts");
        }

        var bins = cellsElement.ValueKind == JsonValueKind.Object && cellsElement.TryGetProperty("bins", out var binsElement) ? ReadBins(binsElement, count) : null;
        return Construct(() => new ValueSummary(count, mean, m2, min, max, histogram, cells) { CellBins = bins });
    }

    private static long[] ReadBins(JsonElement element, long count)
    {
        RequireKind(element, JsonValueKind.Array, "cells.bins");
        var bins = new long[Internal.CellBinades.Length];
        foreach (var entry in element.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 3)
            {
                throw new JsonException("Each entry of 'cells.bins' must be a [cell, bin, count] triple.");
            }

            var cell = ReadInt64(entry[0], "cells.bins");
            var bin = ReadInt64(entry[1], "cells.bins");
            var n = ReadInt64(entry[2], "cells.bins");
            if (cell >= UnitKey.CellCount || bin >= Internal.CellBinades.Bins || n == 0)
            {
                throw new JsonException($"An entry of 'cells.bins' has a cell or bin out of range or a zero count: [{cell}, {bin}, {n}].");
            }

            bins[(cell * Internal.CellBinades.Bins) + bin] += n;
        }

        long total = 0;
        foreach (var n in bins)
        {
            total += n;
        }

        return total <= count ? bins : throw new JsonException("'cells.bins' holds more values than the summary's count.");
    }

    /// <summary>Reads a histogram from a JSON object written by <see cref="WriteHistogram"/>.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>A read-only histogram.</returns>
    /// <exception cref="JsonException">The element is not a valid histogram of layout <see cref="HistogramLayout"/>.</exception>
    public static LogLinearHistogram ReadHistogram(JsonElement element)
    {
        RequireKind(element, JsonValueKind.Object, "histogram");
        var layout = Required(element, "layout");
        if (layout.ValueKind != JsonValueKind.String || layout.GetString() != HistogramLayout)
        {
            throw new JsonException($"Unknown histogram layout; expected \"{HistogramLayout}\".");
        }

        var histogram = new LogLinearHistogram();
        var zero = element.TryGetProperty("zero", out var zeroElement) ? ReadInt64(zeroElement, "zero") : 0;
        if (zero != 0)
        {
            histogram.AddToBucket(0, 0, zero);
        }

        ReadBuckets(element, "negative", -1, histogram);
        ReadBuckets(element, "positive", 1, histogram);
        return histogram.ToReadOnly();
    }

    private static void ReadBuckets(JsonElement element, string name, int sign, LogLinearHistogram histogram)
    {
        if (!element.TryGetProperty(name, out var buckets))
        {
            return;
        }

        RequireKind(buckets, JsonValueKind.Array, name);
        foreach (var pair in buckets.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                throw new JsonException($"Each entry of '{name}' must be an [index, count] pair.");
            }

            var index = ReadInt64(pair[0], name);
            var count = ReadInt64(pair[1], name);
            if (index >= LogLinearHistogram.BucketsPerSign || count == 0)
            {
                throw new JsonException($"A bucket of '{name}' has an index out of range or a zero count.");
            }

            histogram.AddToBucket(sign, (int)index, count);
        }
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new JsonException($"The property '{name}' is missing.");

    private static void RequireKind(JsonElement element, JsonValueKind kind, string what)
    {
        if (element.ValueKind != kind)
        {
            throw new JsonException($"Expected a JSON {kind} for the {what}, found {element.ValueKind}.");
        }
    }

    private static long ReadInt64(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value >= 0
            ? value
            : throw new JsonException($"The property '{name}' must be a non-negative integer.");

    private static double ReadDouble(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw new JsonException($"The property '{name}' must be a finite number.");

    private static T Construct<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException exception)
        {
            throw new JsonException(exception.Message, exception);
        }
    }
}
