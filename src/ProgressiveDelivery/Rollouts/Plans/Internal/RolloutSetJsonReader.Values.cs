using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Rollouts.Plans.Internal;

/// <summary>The judge options (<c>"analysis"</c>) and the primitive readers.</summary>
internal sealed partial class RolloutSetJsonReader
{
    private static readonly string[] AnalysisFields =
    [
        "metrics", "alpha", "noDataLimit", "noDataLookLimit", "srmAlpha", "srmMinimumExposures", "srmChiSquarePauses",
        "countPriorConcentration", "meanTuningSampleSize", "maximumDuration", "mode", "comment",
    ];

    private static readonly string[] MetricFields =
    [
        "name", "kind", "quantile", "transform", "badDirection", "tolerance", "toleranceKind", "critical", "muted", "signalOnly",
        "minimumSample", "alpha", "comment",
    ];

    private JudgeOptions ReadAnalysis(JsonElement element, string path)
    {
        var options = new JudgeOptions();
        var hasMetrics = false;
        foreach (var (name, value, fieldPath) in Fields(element, path, "an analysis", AnalysisFields))
        {
            switch (name)
            {
                case "metrics":
                    hasMetrics = true;
                    ReadMetrics(value, fieldPath, options.Metrics);
                    break;
                case "alpha": options.Alpha = ReadNumber(value, fieldPath) ?? options.Alpha; break;
                case "noDataLimit": options.NoDataLimit = ReadDuration(value, fieldPath) ?? options.NoDataLimit; break;
                case "noDataLookLimit": options.NoDataLookLimit = (int)(ReadNumber(value, fieldPath) ?? 0); break;
                case "srmAlpha": options.SrmAlpha = ReadNumber(value, fieldPath) ?? options.SrmAlpha; break;
                case "srmMinimumExposures": options.SrmMinimumExposures = (long)(ReadNumber(value, fieldPath) ?? options.SrmMinimumExposures); break;
                case "srmChiSquarePauses": options.SrmChiSquarePauses = ReadBoolean(value, fieldPath) ?? false; break;
                case "countPriorConcentration": options.CountPriorConcentration = ReadNumber(value, fieldPath) ?? options.CountPriorConcentration; break;
                case "meanTuningSampleSize": options.MeanTuningSampleSize = ReadNumber(value, fieldPath) ?? options.MeanTuningSampleSize; break;
                case "maximumDuration": options.MaximumDuration = ReadDuration(value, fieldPath); break;
                default: options.Mode = ReadEnum(value, fieldPath, ["sequential", "kayentaCompatible"], JudgeMode.Sequential); break;
            }
        }

        if (!hasMetrics)
        {
            foreach (var metric in RolloutMetrics.CreateDefaultJudgeOptions().Metrics)
            {
                options.Metrics.Add(metric);
            }
        }

        return options;
    }

    private void ReadMetrics(JsonElement element, string path, IList<MetricOptions> metrics)
    {
        if (!Expect(element, JsonValueKind.Array, path, "an array of metrics"))
        {
            return;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var metric = new MetricOptions();
            foreach (var (name, value, fieldPath) in Fields(item, RolloutPaths.Index(path, index), "a metric", MetricFields))
            {
                switch (name)
                {
                    case "name": metric.Name = ReadString(value, fieldPath) ?? string.Empty; break;
                    case "kind": metric.Kind = ReadEnum(value, fieldPath, ["countRate", "mean", "quantile"], MetricKind.CountRate); break;
                    case "quantile": metric.Quantile = ReadNumber(value, fieldPath) ?? metric.Quantile; break;
                    case "transform": metric.Transform = ReadEnum(value, fieldPath, ["none", "log"], MetricTransform.None); break;
                    case "badDirection": metric.BadDirection = ReadEnum(value, fieldPath, ["increase", "decrease", "either"], MetricDirection.Increase); break;
                    case "tolerance": metric.Tolerance = ReadNumber(value, fieldPath) ?? metric.Tolerance; break;
                    case "toleranceKind": metric.ToleranceKind = ReadEnum(value, fieldPath, ["relative", "absolute"], ToleranceKind.Relative); break;
                    case "critical": metric.Critical = ReadBoolean(value, fieldPath) ?? false; break;
                    case "muted": metric.Muted = ReadBoolean(value, fieldPath) ?? false; break;
                    case "signalOnly": metric.SignalOnly = ReadBoolean(value, fieldPath) ?? false; break;
                    case "minimumSample": metric.MinimumSample = (long)(ReadNumber(value, fieldPath) ?? metric.MinimumSample); break;
                    default: metric.Alpha = ReadNumber(value, fieldPath); break;
                }
            }

            metrics.Add(metric);
            index++;
        }
    }

    // Enum values by their camelCase names, in declaration order (value i is names[i]).
    private TEnum ReadEnum<TEnum>(JsonElement value, string path, string[] names, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (ReadString(value, path) is not { } text)
        {
            return fallback;
        }

        var index = Array.IndexOf(names, text);
        if (index >= 0)
        {
            return (TEnum)Enum.ToObject(typeof(TEnum), index);
        }

        Error(path, DefinitionErrorCodes.UnknownKind, $"Unknown value '{text}'; use one of: {string.Join(", ", names)}.");
        return fallback;
    }

    private IEnumerable<(string Name, JsonElement Value, string Path)> Fields(JsonElement element, string path, string what, string[] allowed)
    {
        if (!Expect(element, JsonValueKind.Object, path, what + " (an object)"))
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = RolloutPaths.Field(path, property.Name);
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                Error(fieldPath, DefinitionErrorCodes.UnknownField, $"Unknown field '{property.Name}' in {what}. Valid fields: {string.Join(", ", allowed)}.");
            }
            else if (!seen.Add(property.Name))
            {
                Error(fieldPath, DefinitionErrorCodes.DuplicateKey, $"The field '{property.Name}' appears more than once in {what}; the first one is used.");
            }
            else if (property.Name == "comment")
            {
                ReadString(property.Value, fieldPath);
            }
            else
            {
                yield return (property.Name, property.Value, fieldPath);
            }
        }
    }

    private bool? ReadBoolean(JsonElement value, string path)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        WrongType(value, path, "a boolean (true or false)");
        return null;
    }

    private bool ReadTrue(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.True)
        {
            return true;
        }

        WrongType(value, path, "true");
        return false;
    }

    private double? ReadNumber(JsonElement value, string path) =>
        Expect(value, JsonValueKind.Number, path, "a number") ? value.GetDouble() : null;

    private string? ReadString(JsonElement value, string path) =>
        Expect(value, JsonValueKind.String, path, "a string") ? value.GetString() : null;

    private bool Expect(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        WrongType(value, path, expected);
        return false;
    }

    private void WrongType(JsonElement value, string path, string expected) =>
        Error(path, DefinitionErrorCodes.WrongType, $"Expected {expected}, found {JsonValueKinds.Describe(value.ValueKind)}.");

    private void Error(string path, string code, string message) => _errors.Add(new DefinitionError(path, _ownerKey, code, message));
}
