using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Rollouts.Plans.Internal;

/// <summary>Walks the <c>"rollouts"</c> section of a document into a <see cref="RolloutSet"/>, reporting every structural error with its path.</summary>
internal sealed partial class RolloutSetJsonReader
{
    private static readonly string[] RolloutFields = ["flag", "stableVariant", "canaryVariant", "adaptive", "plan", "analysis", "description", "comment"];
    private static readonly string[] PlanFields = ["steps", "preset", "backgroundAnalysis", "maximumDuration", "onNoData", "onUnhealthyAssignment", "onInconclusive", "adaptiveMinimumBake", "comment"];
    private static readonly string[] StepFields = ["setWeight", "bake", "pause", "analysis", "comment"];
    private static readonly string[] AnalysisStepFields = ["timeout", "comment"];
    private static readonly string[] PresetFields = ["kind", "increment", "interval", "start", "factor", "bake", "preview", "analysisTimeout", "comment"];
    private static readonly string[] Policies = ["pause", "rollback"];

    private readonly List<DefinitionError> _errors = [];
    private string? _ownerKey;

    public static RolloutSetParseResult Read(JsonElement root)
    {
        var reader = new RolloutSetJsonReader();
        var set = new RolloutSet();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rollouts", out var rollouts))
        {
            if (reader.Expect(rollouts, JsonValueKind.Object, RolloutPaths.Rollouts, "an object of rollouts by id"))
            {
                foreach (var property in rollouts.EnumerateObject())
                {
                    reader._ownerKey = property.Name;
                    set.Rollouts.Add(reader.ReadRollout(property.Name, property.Value, RolloutPaths.Rollout(property.Name)));
                }
            }
        }

        return new RolloutSetParseResult(set, reader._errors.AsReadOnly());
    }

    private RolloutDefinition ReadRollout(string id, JsonElement element, string path)
    {
        var rollout = new RolloutDefinition { Id = id };
        foreach (var (name, value, fieldPath) in Fields(element, path, "a rollout", RolloutFields))
        {
            switch (name)
            {
                case "flag": rollout.FlagKey = ReadString(value, fieldPath) ?? string.Empty; break;
                case "stableVariant": rollout.StableVariant = ReadString(value, fieldPath) ?? string.Empty; break;
                case "canaryVariant": rollout.CanaryVariant = ReadString(value, fieldPath) ?? string.Empty; break;
                case "adaptive": rollout.Adaptive = ReadBoolean(value, fieldPath) ?? false; break;
                case "plan": rollout.Plan = ReadPlan(value, fieldPath); break;
                case "analysis": rollout.Judge = ReadAnalysis(value, fieldPath); break;
                default: ReadString(value, fieldPath); break;
            }
        }

        return rollout;
    }

    private RolloutPlan ReadPlan(JsonElement element, string path)
    {
        var plan = new RolloutPlan();
        JsonElement? preset = null;
        string? presetPath = null;
        var hasSteps = false;
        foreach (var (name, value, fieldPath) in Fields(element, path, "a plan", PlanFields))
        {
            switch (name)
            {
                case "steps":
                    hasSteps = true;
                    ReadSteps(value, fieldPath, plan);
                    break;
                case "preset":
                    (preset, presetPath) = (value, fieldPath);
                    break;
                case "backgroundAnalysis": plan.BackgroundAnalysis = ReadBoolean(value, fieldPath) ?? true; break;
                case "maximumDuration": plan.MaximumDuration = ReadDuration(value, fieldPath); break;
                case "onNoData": plan.OnNoData = ReadPolicy(value, fieldPath); break;
                case "onUnhealthyAssignment": plan.OnUnhealthyAssignment = ReadPolicy(value, fieldPath); break;
                case "onInconclusive": plan.OnInconclusive = ReadPolicy(value, fieldPath); break;
                default: plan.AdaptiveMinimumBake = ReadDuration(value, fieldPath) ?? plan.AdaptiveMinimumBake; break;
            }
        }

        if (preset is { } presetValue)
        {
            if (hasSteps)
            {
                Error(presetPath!, DefinitionErrorCodes.InvalidValue, "A plan has either steps or a preset, not both.");
            }
            else if (ReadPreset(presetValue, presetPath!) is { } steps)
            {
                foreach (var step in steps.Steps)
                {
                    plan.Steps.Add(step);
                }
            }
        }

        return plan;
    }

    private void ReadSteps(JsonElement element, string path, RolloutPlan plan)
    {
        if (!Expect(element, JsonValueKind.Array, path, "an array of steps"))
        {
            return;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var stepPath = RolloutPaths.Index(path, index++);
            RolloutStep? step = null;
            var kinds = 0;
            foreach (var (name, value, fieldPath) in Fields(item, stepPath, "a step", StepFields))
            {
                kinds++;
                step = name switch
                {
                    "setWeight" => ReadNumber(value, fieldPath) is { } weight ? RolloutStep.SetWeight(weight) : null,
                    "bake" => ReadDuration(value, fieldPath) is { } bake ? RolloutStep.Bake(bake) : null,
                    "pause" => ReadTrue(value, fieldPath) ? RolloutStep.Pause() : null,
                    _ => ReadAnalysisStep(value, fieldPath),
                };
            }

            if (item.ValueKind == JsonValueKind.Object && kinds != 1)
            {
                Error(stepPath, DefinitionErrorCodes.InvalidValue, "A step has exactly one of setWeight, bake, pause or analysis.");
            }
            else if (step is not null)
            {
                plan.Steps.Add(step);
            }
        }
    }

    private RolloutStep? ReadAnalysisStep(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.True)
        {
            return RolloutStep.Analysis();
        }

        TimeSpan? timeout = null;
        var ok = true;
        foreach (var (_, field, fieldPath) in Fields(value, path, "an analysis step (true or an object)", AnalysisStepFields))
        {
            timeout = ReadDuration(field, fieldPath);
            ok &= timeout is not null;
        }

        return value.ValueKind == JsonValueKind.Object && ok ? RolloutStep.Analysis(timeout) : null;
    }

    private RolloutPlan? ReadPreset(JsonElement element, string path)
    {
        string? kind = null;
        var values = new Dictionary<string, (JsonElement Value, string Path)>(StringComparer.Ordinal);
        foreach (var (name, value, fieldPath) in Fields(element, path, "a preset", PresetFields))
        {
            if (name == "kind")
            {
                kind = ReadString(value, fieldPath);
            }
            else
            {
                values[name] = (value, fieldPath);
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        double Number(string name, double fallback) => values.TryGetValue(name, out var v) ? ReadNumber(v.Value, v.Path) ?? fallback : fallback;
        TimeSpan Duration(string name, TimeSpan fallback) => values.TryGetValue(name, out var v) ? ReadDuration(v.Value, v.Path) ?? fallback : fallback;
        TimeSpan? OptionalDuration(string name) => values.TryGetValue(name, out var v) ? ReadDuration(v.Value, v.Path) : null;
        try
        {
            return kind switch
            {
                "linear" => RolloutPlan.Linear(Number("increment", 20), Duration("interval", TimeSpan.FromMinutes(6))),
                "exponential" => RolloutPlan.Exponential(Number("start", 1), Number("factor", 2), Duration("interval", TimeSpan.FromMinutes(10))),
                "canary" => RolloutPlan.Canary(Duration("bake", TimeSpan.FromMinutes(10))),
                "blueGreen" => RolloutPlan.BlueGreen(Number("preview", 5), OptionalDuration("analysisTimeout")),
                null => Missing(RolloutPaths.Field(path, "kind"), "The preset's kind is required: linear, exponential, canary or blueGreen."),
                _ => Missing(RolloutPaths.Field(path, "kind"), $"Unknown preset '{kind}'; use linear, exponential, canary or blueGreen.", DefinitionErrorCodes.UnknownKind),
            };
        }
        catch (ArgumentOutOfRangeException exception)
        {
            Error(RolloutPaths.Field(path, PresetArgumentField(exception.ParamName)), DefinitionErrorCodes.InvalidValue, FirstSentence(exception.Message));
            return null;
        }
    }

    private static string PresetArgumentField(string? parameter) => parameter switch
    {
        "incrementPercent" => "increment",
        "startPercent" => "start",
        "previewPercent" => "preview",
        "bake" => "bake",
        "factor" => "factor",
        _ => "interval",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Split('\n')[0].TrimEnd();
    }

    private RolloutPlan? Missing(string path, string message, string code = DefinitionErrorCodes.Missing)
    {
        Error(path, code, message);
        return null;
    }

    private RolloutPolicy ReadPolicy(JsonElement value, string path)
    {
        var text = ReadString(value, path);
        switch (text)
        {
            case "pause": return RolloutPolicy.Pause;
            case "rollback": return RolloutPolicy.Rollback;
            case null: return RolloutPolicy.Pause;
            default:
                Error(path, DefinitionErrorCodes.InvalidValue, $"Unknown policy '{text}'; use {string.Join(" or ", Policies)}.");
                return RolloutPolicy.Pause;
        }
    }

    private TimeSpan? ReadDuration(JsonElement value, string path)
    {
        if (ReadString(value, path) is not { } text)
        {
            return null;
        }

        if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        Error(path, DefinitionErrorCodes.InvalidValue, $"'{text}' is not a positive duration as [d.]hh:mm:ss (00:10:00 is 10 minutes).");
        return null;
    }
}
